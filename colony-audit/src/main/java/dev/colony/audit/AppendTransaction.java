package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt at appending a batch of entries: it takes the entries other writers appended since
 * the ledger's head (through a {@link CatchUp}), then numbers, dates and chains the batch after
 * them. Not thread-safe; used under the ledger's append lock, inside a transaction that holds the
 * database's append lock.
 */
final class AppendTransaction implements LedgerTable.Append {
  private final CatchUp catchUp;
  private final List<Pending> batch;
  private final LedgerConfig config;

  /** The head the batch goes after, once the other writers' entries are taken; else null. */
  private LedgerHead after;

  private List<LedgerTable.Row> rows;
  private final List<byte[]> leaves = new ArrayList<>();
  private byte[] chain;
  private Instant recordedAt;

  AppendTransaction(LedgerHead head, LedgerConfig config, VerifierKey key, List<Pending> batch) {
    this.catchUp = new CatchUp(head, config, key);
    this.batch = batch;
    this.config = config;
  }

  @Override
  public void newer(LedgerTable.Row row) {
    catchUp.add(row);
  }

  @Override
  public List<LedgerTable.Row> rows() {
    after = catchUp.finish();
    var now = config.clock().instant().truncatedTo(ChronoUnit.MICROS);
    // Never before an entry already in the ledger, whichever process's clock recorded it.
    recordedAt = now.isBefore(after.lastRecordedAt) ? after.lastRecordedAt : now;
    rows = new ArrayList<>(batch.size());
    long seq = after.size();
    chain = after.chainHash;
    for (var pending : batch) {
      seq++;
      var json = EntryCodec.encode(pending.fields, seq, recordedAt);
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
              recordedAt));
    }
    return rows;
  }

  /**
   * The head with the other writers' entries, if they were all taken (they are committed whatever
   * becomes of this transaction), or null.
   */
  LedgerHead caughtUp() {
    return after;
  }

  /** How many entries other writers had appended. */
  long caughtUpEntries() {
    return catchUp.caughtUp();
  }

  /** The rows of the batch, once numbered; null before. */
  List<LedgerTable.Row> batchRows() {
    return rows;
  }

  /**
   * Adds the batch to the head it went after. Call once, after the batch was committed.
   *
   * @return the new head
   */
  LedgerHead committed() {
    leaves.forEach(after.tree::add);
    after.chainHash = chain;
    after.lastRecordedAt = recordedAt;
    return after;
  }

  /** Tells each waiting appender its record; after {@link #committed()}. */
  void complete() {
    for (int i = 0; i < batch.size(); i++) {
      var row = rows.get(i);
      batch
          .get(i)
          .complete(
              new LedgerRecord(
                  row.seq(), recordedAt, batch.get(i).entry, row.leafHash(), row.chainHash()));
    }
  }
}
