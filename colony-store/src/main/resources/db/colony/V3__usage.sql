-- Hourly usage per tenant and agent, for budgets that span runs.
CREATE TABLE colony_usage (
  tenant      VARCHAR(63)              NOT NULL,
  agent       VARCHAR(63)              NOT NULL,
  hour_start  TIMESTAMP WITH TIME ZONE NOT NULL,
  tokens      BIGINT                   NOT NULL,
  cost_micros BIGINT                   NOT NULL,
  tool_calls  BIGINT                   NOT NULL,
  CONSTRAINT colony_usage_pk PRIMARY KEY (tenant, agent, hour_start)
);
