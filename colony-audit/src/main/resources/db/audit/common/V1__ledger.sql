-- The audit ledger: one row per entry, appended in order, never changed.
--
-- One script for PostgreSQL and for H2 opened with MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE. The
-- entry column holds the entry's RFC 8785 canonical JSON, which is what the hashes cover; tenant
-- and run_id repeat two of its fields so that a run's entries can be found, and the verifier
-- checks they agree with it. Hashes are lower-case hex. The triggers that make the table
-- append-only differ between the databases and live in db/audit/h2 and db/audit/postgresql.

CREATE TABLE colony_ledger (
  seq         BIGINT                   NOT NULL,
  tenant      VARCHAR(63)              NOT NULL,
  run_id      VARCHAR(128)             NOT NULL,
  entry       TEXT                     NOT NULL,
  leaf_hash   VARCHAR(64)              NOT NULL,
  chain_hash  VARCHAR(64)              NOT NULL,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT colony_ledger_pk PRIMARY KEY (seq)
);

CREATE INDEX colony_ledger_by_run ON colony_ledger (tenant, run_id, seq);
