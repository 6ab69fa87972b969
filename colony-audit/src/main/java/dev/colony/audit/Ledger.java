package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident audit ledger: append-only, hash-chained entries in the {@code colony_ledger}
 * table, an RFC 9162 Merkle tree over them, and Ed25519-signed c2sp.org/tlog-checkpoint checkpoints
 * kept outside the database.
 *
 * <p>Thread-safe, and several processes may append to one database. In a process, appends are
 * serialized by one lock that guards the head (size, last chain hash, Merkle frontier), which is a
 * cache of the table rebuilt on {@link #open}. Callers queue their entries; whoever holds the lock
 * writes all queued entries in one transaction (group commit) while the others park, and on release
 * wakes the oldest waiter to take over. Each caller returns once its own entry is committed, or
 * throws if its transaction failed, in which case nothing of it was kept. Across processes, the
 * table's primary key lets one writer store each position: a ledger inserts after its head, and if
 * another process appended since, the insert fails on its first position. Then, and while others
 * keep appending, its transactions lock the one row of {@code colony_ledger_lock}, so appenders
 * take turns; holding it, a transaction reads the entries other processes appended since the head,
 * checks they follow and takes them into the head ({@link CatchUp}), and chains its own after them.
 *
 * <p>Checkpoints are signed and written outside the append lock, one at a time, holding the sink
 * exclusively ({@link CheckpointSink#exclusively}); each covers the table as it stands once the
 * ledger has caught up with the other writers, so checkpoints land in the sink in increasing size
 * whichever process writes them. The checkpoint timer checkpoints other writers' entries too, so
 * entries a process left without a checkpoint (it was killed) are covered by another that still
 * runs. Reads and {@link #verify()} go to the database and take no lock.
 *
 * <p>The chain is global across tenants. The ledger takes another writer's entries only on the
 * terms on which it opens on them: in sequence, chained, and either fresh or covered by a
 * checkpoint; otherwise it refuses to append (see {@link LedgerVerifier} for what each kind of
 * tampering looks like).
 */
public final class Ledger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  /** The ledger's Flyway history table. */
  public static final String HISTORY_TABLE = LedgerSetup.HISTORY_TABLE;

  /** The most entries written in one transaction. */
  private static final int MAX_BATCH = 500;

  /** How long a waiting appender parks before looking again, should no one wake it. */
  private static final long PARK_NANOS = 1_000_000;

  /** How often a transaction is tried while the database's append lock is busy. */
  private static final int MAX_ATTEMPTS = 30;

  private final DataSource dataSource;
  private final LedgerTable table;
  private final LedgerConfig config;
  private final SigningKey key;
  private LedgerHead head; // guarded by appendLock

  /** Whether other writers were appending when this one last looked. Guarded by appendLock. */
  private boolean contended;

  /** A copy of the head as of the last commit, never changed; read without the append lock. */
  private volatile LedgerHead published;

  private final ReentrantLock appendLock = new ReentrantLock();
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final Object checkpointLock = new Object();
  private final ScheduledExecutorService timer;
  private Checkpoint lastWritten; // guarded by checkpointLock
  private volatile long checkpointedSize;
  private volatile boolean closed;

  private Ledger(DataSource dataSource, LedgerConfig config, SigningKey key, LedgerHead head) {
    this.dataSource = dataSource;
    this.table = new LedgerTable(dataSource);
    this.config = config;
    this.key = key;
    this.head = head;
    this.published = head.copy();
    this.timer =
        config.checkpointInterval().isZero()
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("colony-ledger-checkpoints").factory());
  }

  /**
   * Opens the ledger in a database: migrates its table (Flyway, {@code classpath:db/audit}, history
   * in {@value #HISTORY_TABLE}), loads or creates the signing key, rebuilds the head from the table
   * and checks it against the latest signed checkpoint, and writes a checkpoint if the table holds
   * entries none covers.
   *
   * @throws LedgerFailure if the database cannot be migrated or read, or the table contradicts the
   *     latest signed checkpoint (truncated, rewritten, checkpoints missing)
   */
  public static Ledger open(DataSource dataSource, LedgerConfig config) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(config, "config");
    LedgerSetup.migrate(dataSource);
    var key =
        config.signingKey() != null
            ? config.signingKey()
            : SigningKey.loadOrCreate(config.keyFile(), config.origin());
    var latest = LedgerSetup.latestCheckpoint(config.checkpoints(), key.verifierKey());
    var head = LedgerHead.rebuild(new LedgerTable(dataSource), latest, config.checkpoints());
    long covered = latest.map(Checkpoint::size).orElse(-1L);
    if (covered >= 0 && head.size() > covered) {
      head.adoptTail(covered, config);
    }
    var ledger = new Ledger(dataSource, config, key, head);
    ledger.checkpointedSize = Math.max(covered, 0);
    ledger.lastWritten = latest.orElse(null);
    try {
      if (head.size() > covered) {
        ledger.checkpoint();
      }
      if (ledger.timer != null) {
        long millis = config.checkpointInterval().toMillis();
        ledger.timer.scheduleWithFixedDelay(
            ledger::checkpointIfBehind, millis, millis, TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      if (ledger.timer != null) {
        ledger.timer.shutdownNow();
      }
      throw e;
    }
    log.info(
        "Audit ledger {} open with {} entries; verifier key {}",
        key.name(),
        head.size(),
        key.verifierKey());
    return ledger;
  }

  /**
   * Appends one entry, durably, and returns it as stored.
   *
   * @throws LedgerFailure if the entry could not be written; then it is not in the ledger
   */
  public LedgerRecord append(LedgerEntry entry) {
    Objects.requireNonNull(entry, "entry");
    var pending = new Pending(entry, EntryCodec.fields(entry), Thread.currentThread());
    queue.add(pending);
    while (!pending.done) {
      if (appendLock.tryLock()) {
        try {
          while (!pending.done) {
            flush();
          }
        } finally {
          unlockAndWakeNext();
        }
      } else {
        LockSupport.parkNanos(this, PARK_NANOS);
      }
    }
    if (pending.failure != null) {
      throw new LedgerFailure(pending.failure.getMessage(), pending.failure);
    }
    checkpointIfDue(config.checkpointEvery());
    return pending.record;
  }

  /** A run's entries in a tenant, oldest first; never another tenant's. */
  public List<LedgerRecord> entries(TenantId tenant, RunId runId) {
    return entries(dataSource, tenant, runId);
  }

  /**
   * A run's entries in a tenant, read from a database without opening the ledger (no migration, no
   * key, no checkpoint): for a process that only shows them, such as {@code colony audit show}.
   *
   * @throws LedgerFailure if the table cannot be read or an entry cannot be decoded
   */
  public static List<LedgerRecord> entries(DataSource dataSource, TenantId tenant, RunId runId) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    try {
      var out = new ArrayList<LedgerRecord>();
      for (var row : new LedgerTable(dataSource).byRun(tenant.value(), runId.value())) {
        var decoded = decode(row);
        if (decoded.entry().tenant().equals(tenant)) {
          out.add(
              new LedgerRecord(
                  row.seq(),
                  decoded.recordedAt(),
                  decoded.entry(),
                  row.leafHash(),
                  row.chainHash()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new LedgerFailure(
          "could not read the ledger entries of run '"
              + runId
              + "' in tenant '"
              + tenant
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** Verifies the whole ledger against this ledger's checkpoints and key. */
  public VerificationReport verify() {
    return LedgerVerifier.builder(dataSource, config.checkpoints(), key.verifierKey())
        .clock(config.clock())
        .tailTolerance(config.tailTolerance())
        .build()
        .verify();
  }

  /**
   * Signs and writes a checkpoint of the ledger as it stands, with the entries other writers
   * appended, unless this ledger wrote one of that size already.
   *
   * @return the latest checkpoint written
   * @throws LedgerFailure if the sink cannot keep it
   */
  public Checkpoint checkpoint() {
    synchronized (checkpointLock) {
      return config.checkpoints().exclusively(this::checkpointLatest);
    }
  }

  /**
   * Checkpoints the table as it stands; holds the checkpoint lock and the sink. It catches up from
   * the published head without taking the append locks, so that no appender waits for the sink, nor
   * the sink for an appender (an appender may read the sink while it holds them).
   */
  private Checkpoint checkpointLatest() {
    var known = published;
    var latest = known;
    try {
      var catchUp = new CatchUp(known, config, key.verifierKey());
      table.scanAfter(known.size(), catchUp::add);
      latest = catchUp.finish();
    } catch (SQLException | RuntimeException e) {
      // What this ledger knows is a checked prefix of the table, which it may always sign.
      log.warn(
          "Could not take what other writers appended to the audit ledger before checkpointing;"
              + " checkpointing the {} entries known: {}",
          known.size(),
          e.getMessage());
    }
    long snapshotSize = latest.size();
    if (lastWritten != null && snapshotSize <= checkpointedSize) {
      return lastWritten;
    }
    var checkpoint = new Checkpoint(key.name(), snapshotSize, Hashes.hex(latest.tree.root()));
    config.checkpoints().write(checkpoint.sign(key));
    checkpointedSize = snapshotSize;
    lastWritten = checkpoint;
    return checkpoint;
  }

  /** How many entries the ledger holds. */
  public long size() {
    return published.size();
  }

  /** The public key that verifies this ledger's checkpoints. */
  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  /** Stops the checkpoint timer and writes a last checkpoint. Idempotent. */
  @Override
  public void close() {
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      flush();
    } finally {
      unlockAndWakeNext();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    checkpointQuietly();
  }

  /**
   * Releases the append lock and wakes the oldest waiting appender to take it, so that no queued
   * entry is left waiting for a lock nobody wants.
   */
  private void unlockAndWakeNext() {
    appendLock.unlock();
    var next = queue.peek();
    if (next != null) {
      LockSupport.unpark(next.waiter);
    }
  }

  /** Writes the queued entries, up to {@link #MAX_BATCH}, in one transaction. Holds the lock. */
  private void flush() {
    var batch = new ArrayList<Pending>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    if (closed) {
      batch.forEach(p -> p.fail(new LedgerFailure("the audit ledger is closed")));
      return;
    }
    try {
      transact(batch);
    } catch (LedgerFailure e) {
      batch.forEach(p -> p.fail(e));
    } catch (RuntimeException e) {
      // Not expected; but no waiter may be left without an answer.
      var failure = new LedgerFailure("could not append to the audit ledger: " + e, e);
      batch.stream().filter(p -> !p.done).forEach(p -> p.fail(failure));
    }
  }

  /**
   * Appends a batch after the table's last entry, in one transaction. Holds the append lock.
   *
   * <p>While no other writer appends, it inserts the batch after the head as it is (as fast as one
   * writer can be: one statement and a commit). The table's primary key lets one writer store each
   * position, so if another writer appended since, this fails on the first position; then, and for
   * as long as the others keep appending, it appends under the database's append lock, catching up
   * with their entries first ({@link LedgerTable#append}). It tries again while that lock is busy.
   *
   * @throws LedgerFailure if the batch was not written (then nothing of it is in the table), or the
   *     other writers' entries cannot be taken
   */
  private void transact(List<Pending> batch) {
    for (int attempt = 1; ; attempt++) {
      var transaction = new AppendTransaction(head, config, key.verifierKey(), batch);
      try {
        if (contended) {
          table.append(head.size(), transaction);
          contended = transaction.caughtUpEntries() > 0;
        } else {
          table.insert(transaction.rows());
        }
        committed(transaction);
        return;
      } catch (SQLException | RuntimeException e) {
        if (transaction.caughtUp() != null) {
          // The other writers' entries are committed, whatever became of this transaction.
          head = transaction.caughtUp();
          published = head.copy();
        }
        var rows = transaction.batchRows();
        if (rows != null && !rows.isEmpty() && table.holds(rows, e)) {
          log.warn(
              "Appending audit ledger entries up to {} reported '{}', but they were committed;"
                  + " keeping them",
              rows.getLast().seq(),
              e.getMessage());
          committed(transaction);
          return;
        }
        if (attempt < MAX_ATTEMPTS && LedgerTable.busy(e)) {
          // Another writer took the position, or holds the lock: catch up under the lock.
          log.debug("Audit ledger append conflicted ({}); trying again", e.getMessage());
          contended = true;
          continue;
        }
        var failure =
            e instanceof LedgerFailure refused
                ? refused
                : LedgerTable.appendFailure(head.size() + 1, head.size() + batch.size(), e);
        log.error("{}", failure.getMessage());
        throw failure;
      }
    }
  }

  private void committed(AppendTransaction transaction) {
    head = transaction.committed();
    published = head.copy();
    if (transaction.caughtUpEntries() > 0) {
      log.debug(
          "Audit ledger caught up with {} entries other writers appended",
          transaction.caughtUpEntries());
    }
    transaction.complete();
  }

  /**
   * The timer's turn: checkpoints what no checkpoint of this ledger covers, this ledger's entries
   * and other writers' alike (so a writer that was killed before its last checkpoint is covered).
   */
  private void checkpointIfBehind() {
    synchronized (checkpointLock) {
      checkpointQuietly();
    }
  }

  /**
   * Checkpoints once {@code uncovered} entries are not covered by this ledger's checkpoints; when
   * several appenders cross the mark at once, the first writes and the others see it done.
   */
  private void checkpointIfDue(long uncovered) {
    if (size() - checkpointedSize < uncovered) {
      return;
    }
    synchronized (checkpointLock) {
      if (size() - checkpointedSize >= uncovered) {
        checkpointQuietly();
      }
    }
  }

  /** Checkpoints, logging a failure: the entries are committed, and the next try covers them. */
  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (RuntimeException e) {
      log.error(
          "Could not write an audit ledger checkpoint to {}; will retry: {}",
          config.checkpoints(),
          e.getMessage(),
          e);
    }
  }

  private static EntryCodec.Decoded decode(LedgerTable.Row row) {
    try {
      return EntryCodec.decode(row.entry());
    } catch (IllegalArgumentException e) {
      throw new LedgerFailure(
          "ledger entry "
              + row.seq()
              + " cannot be read (run `colony audit verify`): "
              + e.getMessage(),
          e);
    }
  }
}
