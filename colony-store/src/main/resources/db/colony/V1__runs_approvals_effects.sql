-- Colony's durable state: runs and their checkpoints, approvals, and effects.
--
-- One script for PostgreSQL and for H2 opened with MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE, so it
-- uses only types and statements both accept. TEXT is unbounded in both (a CLOB in H2); the JSON
-- columns hold text written by the store's codec. Every table leads with tenant: every read and
-- write names one, and the keys and indexes are per tenant.

CREATE TABLE colony_runs (
  tenant         VARCHAR(63)              NOT NULL,
  id             VARCHAR(128)             NOT NULL,
  agent          VARCHAR(255)             NOT NULL,
  envelope       TEXT                     NOT NULL,
  parent_id      VARCHAR(128),
  parent_call_id VARCHAR(255),
  status         VARCHAR(16)              NOT NULL,
  input          TEXT                     NOT NULL,
  output         TEXT,
  error          TEXT,
  waiting_on     TEXT,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  version        BIGINT                   NOT NULL,
  CONSTRAINT colony_runs_pk PRIMARY KEY (tenant, id)
);

CREATE INDEX colony_runs_newest ON colony_runs (tenant, created_at);
CREATE INDEX colony_runs_by_status ON colony_runs (tenant, status, created_at);
CREATE INDEX colony_runs_by_parent ON colony_runs (tenant, parent_id, parent_call_id);

CREATE TABLE colony_checkpoints (
  tenant   VARCHAR(63)              NOT NULL,
  run_id   VARCHAR(128)             NOT NULL,
  seq      INTEGER                  NOT NULL,
  messages TEXT                     NOT NULL,
  counters TEXT                     NOT NULL,
  taken_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT colony_checkpoints_pk PRIMARY KEY (tenant, run_id, seq),
  CONSTRAINT colony_checkpoints_run_fk FOREIGN KEY (tenant, run_id)
    REFERENCES colony_runs (tenant, id) ON DELETE CASCADE
);

CREATE TABLE colony_approvals (
  tenant            VARCHAR(63)              NOT NULL,
  id                VARCHAR(128)             NOT NULL,
  run_id            VARCHAR(128)             NOT NULL,
  call_id           VARCHAR(255)             NOT NULL,
  tool              VARCHAR(255)             NOT NULL,
  arguments         TEXT                     NOT NULL,
  arguments_digest  VARCHAR(128)             NOT NULL,
  tier              VARCHAR(16)              NOT NULL,
  requested_by_kind VARCHAR(16)              NOT NULL,
  requested_by_id   VARCHAR(255)             NOT NULL,
  status            VARCHAR(16)              NOT NULL,
  decided_by        VARCHAR(255),
  reason            TEXT,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_at        TIMESTAMP WITH TIME ZONE,
  CONSTRAINT colony_approvals_pk PRIMARY KEY (tenant, id)
);

-- Not unique: a call id is unique only within one model turn of a run.
CREATE INDEX colony_approvals_by_call ON colony_approvals (tenant, run_id, call_id);
CREATE INDEX colony_approvals_by_status ON colony_approvals (tenant, status, created_at);

CREATE TABLE colony_effects (
  tenant           VARCHAR(63)              NOT NULL,
  effect_key       VARCHAR(512)             NOT NULL,
  run_id           VARCHAR(128)             NOT NULL,
  tool             VARCHAR(255)             NOT NULL,
  arguments_digest VARCHAR(128)             NOT NULL,
  result           TEXT,
  started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT colony_effects_pk PRIMARY KEY (tenant, effect_key)
);

CREATE INDEX colony_effects_by_run ON colony_effects (tenant, run_id);
