-- PostgreSQL: UPDATE, DELETE and TRUNCATE on colony_ledger fail. A superuser or the table's owner
-- can still disable the triggers; `colony audit verify` detects what is changed that way.

CREATE FUNCTION colony_ledger_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'colony_ledger is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'The audit ledger records what happened; entries are never changed or removed.';
END
$$;

CREATE TRIGGER colony_ledger_no_update_or_delete
  BEFORE UPDATE OR DELETE ON colony_ledger
  FOR EACH ROW EXECUTE FUNCTION colony_ledger_reject_change();

CREATE TRIGGER colony_ledger_no_truncate
  BEFORE TRUNCATE ON colony_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION colony_ledger_reject_change();
