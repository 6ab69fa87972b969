-- Orders cancelled through the cancel_order tool (CRITICAL: denied unless a policy permits it,
-- then two people approve).
CREATE TABLE retail_cancellations (
  tenant          VARCHAR(64)  NOT NULL,
  order_id        VARCHAR(32)  NOT NULL,
  reason          VARCHAR(500) NOT NULL,
  idempotency_key VARCHAR(300) NOT NULL,
  created_at      TIMESTAMP    NOT NULL,
  PRIMARY KEY (tenant, order_id)
);
