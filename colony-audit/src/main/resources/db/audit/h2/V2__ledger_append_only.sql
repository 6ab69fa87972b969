-- H2: UPDATE and DELETE on colony_ledger fail. The trigger is a Java class of colony-audit, so a
-- process that opens this database without colony-audit on its class path cannot change the table
-- either (H2 fails the statement when it cannot load the trigger). H2 fires no trigger on
-- TRUNCATE; `colony audit verify` reports a truncated ledger against its signed checkpoints.

CREATE TRIGGER colony_ledger_append_only
  BEFORE UPDATE, DELETE ON colony_ledger
  FOR EACH ROW CALL 'dev.colony.audit.internal.AppendOnlyTrigger';
