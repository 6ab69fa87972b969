-- Several processes may append to one ledger (a node, and `colony approvals approve` in another
-- terminal). colony_ledger's primary key lets one of them store each position; a process that
-- finds a position taken (another appended since it last looked), and goes on while others append,
-- first locks this table's one row (SELECT ... FOR UPDATE), which makes appenders take turns on
-- PostgreSQL and H2 alike; holding it, it reads the entries others appended, chains its own after
-- them, and commits. The row holds nothing else: the ledger's head is what colony_ledger holds.

CREATE TABLE colony_ledger_lock (
  id SMALLINT NOT NULL,
  CONSTRAINT colony_ledger_lock_pk PRIMARY KEY (id),
  CONSTRAINT colony_ledger_lock_one_row CHECK (id = 1)
);

INSERT INTO colony_ledger_lock (id) VALUES (1);
