package dev.colony.testing;

import dev.colony.core.Conflict;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs and checkpoints in memory, with the same tenancy and versioning rules as the JDBC store.
 *
 * <p>Thread-safe: every method synchronizes on the store.
 */
public final class InMemoryRunStore implements RunStore {
  private record Key(TenantId tenant, RunId id) {}

  private final Map<Key, RunRecord> runs = new HashMap<>();
  private final Map<Key, List<Checkpoint>> checkpoints = new HashMap<>();

  @Override
  public synchronized RunRecord create(RunRecord run, Checkpoint initial) {
    var key = new Key(run.tenant(), run.id());
    if (runs.containsKey(key)) {
      throw new Conflict("run '" + run.id() + "' already exists");
    }
    var stored = withVersion(run, 0);
    runs.put(key, stored);
    checkpoints.put(key, new ArrayList<>(List.of(initial)));
    return stored;
  }

  @Override
  public synchronized Optional<RunRecord> find(TenantId tenant, RunId id) {
    return Optional.ofNullable(runs.get(new Key(tenant, id)));
  }

  @Override
  public synchronized RunRecord update(RunRecord run) {
    var key = new Key(run.tenant(), run.id());
    var current = runs.get(key);
    if (current == null) {
      throw new NotFound("run", run.id().value());
    }
    if (current.version() != run.version()) {
      throw new Conflict(
          "run '"
              + run.id()
              + "' was changed concurrently (stored version "
              + current.version()
              + ", update from version "
              + run.version()
              + ")");
    }
    var stored = withVersion(run, run.version() + 1);
    runs.put(key, stored);
    return stored;
  }

  @Override
  public synchronized RunRecord checkpoint(RunRecord run, Checkpoint checkpoint) {
    var stored = update(run);
    checkpoints.get(new Key(run.tenant(), run.id())).add(checkpoint);
    return stored;
  }

  @Override
  public synchronized Optional<Checkpoint> latestCheckpoint(TenantId tenant, RunId id) {
    var list = checkpoints.get(new Key(tenant, id));
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
  }

  @Override
  public synchronized Optional<RunRecord> findChild(
      TenantId tenant, RunId parent, String parentCallId) {
    return runs.values().stream()
        .filter(r -> r.tenant().equals(tenant))
        .filter(r -> parent.equals(r.parentId()) && parentCallId.equals(r.parentCallId()))
        .findFirst();
  }

  @Override
  public synchronized List<RunRecord> list(TenantId tenant, RunStatus status, int limit) {
    return runs.values().stream()
        .filter(r -> r.tenant().equals(tenant))
        .filter(r -> status == null || r.status() == status)
        .sorted(Comparator.comparing(RunRecord::createdAt).reversed())
        .limit(limit)
        .toList();
  }

  /** How many checkpoints a run has, for tests of checkpoint frequency. */
  public synchronized int checkpointCount(TenantId tenant, RunId id) {
    var list = checkpoints.get(new Key(tenant, id));
    return list == null ? 0 : list.size();
  }

  private static RunRecord withVersion(RunRecord r, long version) {
    return new RunRecord(
        r.id(),
        r.agent(),
        r.envelope(),
        r.parentId(),
        r.parentCallId(),
        r.status(),
        r.input(),
        r.output(),
        r.error(),
        r.waitingOn(),
        r.createdAt(),
        r.updatedAt(),
        version);
  }
}
