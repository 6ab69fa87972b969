-- Approvals that need several people, each approve vote carrying its signed token, and the call
-- that used an approval (its idempotency key), so an approval allows one call only.
ALTER TABLE colony_approvals ADD COLUMN required INT DEFAULT 1 NOT NULL;
ALTER TABLE colony_approvals ADD COLUMN votes TEXT DEFAULT '[]' NOT NULL;
ALTER TABLE colony_approvals ADD COLUMN consumed_by VARCHAR(512);
