package dev.colony.core.store;

import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import java.util.List;
import java.util.Optional;

/**
 * Durable runs and their checkpoints.
 *
 * <p>Every read and write is scoped by tenant: another tenant's run is reported as absent. Writes
 * are optimistic: {@link #update} and {@link #checkpoint} succeed only if the stored version equals
 * the record's version, and return the record with the version advanced; otherwise they throw
 * {@link dev.colony.core.Conflict} and store nothing.
 */
public interface RunStore {
  /** Stores a new run (version 0) and its initial checkpoint in one transaction. */
  RunRecord create(RunRecord run, Checkpoint initial);

  Optional<RunRecord> find(TenantId tenant, RunId id);

  default RunRecord require(TenantId tenant, RunId id) {
    return find(tenant, id).orElseThrow(() -> new NotFound("run", id.value()));
  }

  /** Updates the run's head. */
  RunRecord update(RunRecord run);

  /** Updates the run's head and appends a checkpoint, in one transaction. */
  RunRecord checkpoint(RunRecord run, Checkpoint checkpoint);

  Optional<Checkpoint> latestCheckpoint(TenantId tenant, RunId id);

  /** The child run started by the given call of a parent run, if any. */
  Optional<RunRecord> findChild(TenantId tenant, RunId parent, String parentCallId);

  /** Runs of the tenant, newest first; {@code status} {@code null} means any. */
  List<RunRecord> list(TenantId tenant, RunStatus status, int limit);
}
