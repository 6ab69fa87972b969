/**
 * The tamper-evident audit ledger: every Gate decision and effect as an append-only, hash-chained
 * entry, an RFC 9162 Merkle tree over the entries, signed checkpoints outside the database, and a
 * verifier that names the first bad entry.
 *
 * <p>{@link dev.colony.audit.Ledger} appends and reads; {@link dev.colony.audit.LedgerAuditSink}
 * plugs it into the Gate; {@link dev.colony.audit.LedgerVerifier} checks a ledger from a fresh
 * process with only its {@link dev.colony.audit.VerifierKey}.
 */
package dev.colony.audit;
