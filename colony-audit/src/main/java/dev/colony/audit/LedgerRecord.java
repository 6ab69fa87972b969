package dev.colony.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A ledger entry as stored: its place in the ledger, when it was recorded and its hashes.
 *
 * @param seq the entry's position, 1 for the first entry; positions have no gaps
 * @param recordedAt when the ledger recorded it, to the microsecond
 * @param entry what was recorded
 * @param leafHash RFC 9162 leaf hash of the entry's canonical JSON, {@code SHA-256(0x00 || bytes)},
 *     in hex
 * @param chainHash {@code SHA-256(previous chain hash || leaf hash)} in hex; before the first entry
 *     the chain hash is 32 zero bytes
 */
public record LedgerRecord(
    long seq, Instant recordedAt, LedgerEntry entry, String leafHash, String chainHash) {
  public LedgerRecord {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(chainHash, "chainHash");
  }
}
