package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.MerkleTree;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
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
 * <p>Thread-safe. Appends are serialized by one lock that guards the head (size, last chain hash,
 * Merkle frontier), which is a cache of the table rebuilt on {@link #open}. Callers queue their
 * entries; whoever holds the lock writes all queued entries in one transaction (group commit) while
 * the others park, and on release wakes the oldest waiter to take over. Each caller returns once
 * its own entry is committed, or throws if its transaction failed, in which case nothing of it was
 * kept. Checkpoints are signed and written outside the append lock, one at a time and in increasing
 * size. Reads and {@link #verify()} go to the database and take no lock.
 *
 * <p>One ledger per database: the chain is global across tenants, and the ledger refuses to append
 * when it finds rows it did not write (see {@link LedgerVerifier} for what each kind of tampering
 * looks like).
 */
public final class Ledger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  /** The ledger's Flyway history table. */
  public static final String HISTORY_TABLE = LedgerSetup.HISTORY_TABLE;

  /** The most entries written in one transaction. */
  private static final int MAX_BATCH = 500;

  /** How long a waiting appender parks before looking again, should no one wake it. */
  private static final long PARK_NANOS = 1_000_000;

  private final DataSource dataSource;
  private final LedgerTable table;
  private final LedgerConfig config;
  private final SigningKey key;
  private final LedgerHead head;
  private final ReentrantLock appendLock = new ReentrantLock();
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final Object checkpointLock = new Object();
  private final ScheduledExecutorService timer;
  private Checkpoint lastWritten; // guarded by checkpointLock
  private volatile long size;
  private volatile long checkpointedSize;
  private volatile boolean closed;

  private Ledger(DataSource dataSource, LedgerConfig config, SigningKey key, LedgerHead head) {
    this.dataSource = dataSource;
    this.table = new LedgerTable(dataSource);
    this.config = config;
    this.key = key;
    this.head = head;
    this.size = head.size();
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
    if (size - checkpointedSize >= config.checkpointEvery()) {
      checkpointQuietly();
    }
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
   * Signs and writes a checkpoint of the ledger as it stands, unless one of this size exists.
   *
   * @return the latest checkpoint written
   * @throws LedgerFailure if the sink cannot keep it
   */
  public Checkpoint checkpoint() {
    long snapshotSize;
    String root;
    appendLock.lock();
    try {
      snapshotSize = head.size();
      root = Hashes.hex(head.tree.root());
    } finally {
      unlockAndWakeNext();
    }
    synchronized (checkpointLock) {
      var checkpoint = new Checkpoint(key.name(), snapshotSize, root);
      if (lastWritten != null && snapshotSize <= checkpointedSize) {
        return lastWritten;
      }
      config.checkpoints().write(checkpoint.sign(key));
      checkpointedSize = snapshotSize;
      lastWritten = checkpoint;
      return checkpoint;
    }
  }

  /** How many entries the ledger holds. */
  public long size() {
    return size;
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
      write(batch);
    } catch (RuntimeException e) {
      // Not expected; but no waiter may be left without an answer.
      var failure = new LedgerFailure("could not append to the audit ledger: " + e, e);
      batch.stream().filter(p -> !p.done).forEach(p -> p.fail(failure));
    }
  }

  /** Hashes, inserts and, once committed, adds a batch to the head. Holds the lock. */
  private void write(List<Pending> batch) {
    var now = config.clock().instant().truncatedTo(ChronoUnit.MICROS);
    if (now.isBefore(head.lastRecordedAt)) {
      now = head.lastRecordedAt;
    }
    var rows = new ArrayList<LedgerTable.Row>(batch.size());
    var leaves = new ArrayList<byte[]>(batch.size());
    long seq = head.size();
    var chain = head.chainHash;
    for (var pending : batch) {
      seq++;
      var json = EntryCodec.encode(pending.fields, seq, now);
      var leaf = MerkleTree.leafHash(json.getBytes(StandardCharsets.UTF_8));
      chain = Hashes.sha256(chain, leaf);
      leaves.add(leaf);
      var entry = pending.entry;
      rows.add(
          new LedgerTable.Row(
              seq,
              entry.tenant().value(),
              entry.runId().value(),
              json,
              Hashes.hex(leaf),
              Hashes.hex(chain),
              now));
    }
    try {
      table.insert(rows);
    } catch (SQLException | RuntimeException e) {
      if (table.endsWith(rows, e)) {
        log.warn(
            "Appending audit ledger entries up to {} reported '{}', but they were committed;"
                + " keeping them",
            rows.getLast().seq(),
            e.getMessage());
      } else {
        var failure = LedgerTable.appendFailure(rows, e);
        log.error("{}", failure.getMessage());
        batch.forEach(p -> p.fail(failure));
        return;
      }
    }
    leaves.forEach(head.tree::add);
    head.chainHash = chain;
    head.lastRecordedAt = now;
    size = head.size();
    for (int i = 0; i < batch.size(); i++) {
      var row = rows.get(i);
      batch
          .get(i)
          .complete(
              new LedgerRecord(
                  row.seq(), now, batch.get(i).entry, row.leafHash(), row.chainHash()));
    }
  }

  private void checkpointIfBehind() {
    if (size > checkpointedSize) {
      checkpointQuietly();
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
