-- Wall time spent on model turns and tool calls, for quotas on time as well as tokens and cost.
ALTER TABLE colony_usage ADD COLUMN busy_millis BIGINT DEFAULT 0 NOT NULL;
