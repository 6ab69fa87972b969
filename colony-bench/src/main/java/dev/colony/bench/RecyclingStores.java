package dev.colony.bench;

import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.EffectRecord;
import dev.colony.core.store.EffectStore;
import dev.colony.core.store.RunStore;
import dev.colony.core.tool.ToolResult;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import java.util.List;
import java.util.Optional;

/**
 * In-memory stores that a benchmark empties between operations.
 *
 * <p>A benchmark that starts hundreds of thousands of runs on {@link InMemoryRunStore} keeps every
 * one of them, and the garbage collector then spends most of the measurement copying that growing
 * store: the score becomes the test store's retention, not the runtime's work. These delegate to a
 * fresh in-memory store after each {@link #recycle()}; benchmarks recycle every {@link #EVERY}
 * operations, when no call is in flight. What paused runs hold is measured separately, by {@link
 * PausedRunsHeap}.
 */
final class RecyclingStores {
  /** Operations between recycles: the stores hold at most this many runs or effect records. */
  static final int EVERY = 1_000;

  private RecyclingStores() {}

  /** Runs and checkpoints in an {@link InMemoryRunStore}, replaced by {@link #recycle()}. */
  static final class Runs implements RunStore {
    private volatile InMemoryRunStore store = new InMemoryRunStore();

    void recycle() {
      store = new InMemoryRunStore();
    }

    @Override
    public RunRecord create(RunRecord run, Checkpoint initial) {
      return store.create(run, initial);
    }

    @Override
    public Optional<RunRecord> find(TenantId tenant, RunId id) {
      return store.find(tenant, id);
    }

    @Override
    public RunRecord update(RunRecord run) {
      return store.update(run);
    }

    @Override
    public RunRecord checkpoint(RunRecord run, Checkpoint checkpoint) {
      return store.checkpoint(run, checkpoint);
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(TenantId tenant, RunId id) {
      return store.latestCheckpoint(tenant, id);
    }

    @Override
    public Optional<RunRecord> findChild(TenantId tenant, RunId parent, String parentCallId) {
      return store.findChild(tenant, parent, parentCallId);
    }

    @Override
    public List<RunRecord> list(TenantId tenant, RunStatus status, int limit) {
      return store.list(tenant, status, limit);
    }
  }

  /** Effect records in an {@link InMemoryEffectStore}, replaced by {@link #recycle()}. */
  static final class Effects implements EffectStore {
    private volatile InMemoryEffectStore store = new InMemoryEffectStore();

    void recycle() {
      store = new InMemoryEffectStore();
    }

    @Override
    public EffectRecord begin(TenantId tenant, EffectRecord started) {
      return store.begin(tenant, started);
    }

    @Override
    public Optional<EffectRecord> find(TenantId tenant, String key) {
      return store.find(tenant, key);
    }

    @Override
    public void finish(TenantId tenant, String key, ToolResult result) {
      store.finish(tenant, key, result);
    }
  }
}
