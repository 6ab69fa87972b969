-- The retail example's own data: orders, shipments, charges, refunds, invoices, stock.
-- Kept apart from Colony's tables (its own Flyway history table, retail_schema_history).

CREATE TABLE retail_orders (
  tenant      VARCHAR(64)  NOT NULL,
  order_id    VARCHAR(32)  NOT NULL,
  customer    VARCHAR(64)  NOT NULL,
  placed_at   TIMESTAMP    NOT NULL,
  PRIMARY KEY (tenant, order_id)
);

CREATE TABLE retail_order_items (
  tenant      VARCHAR(64)    NOT NULL,
  order_id    VARCHAR(32)    NOT NULL,
  sku         VARCHAR(32)    NOT NULL,
  name        VARCHAR(128)   NOT NULL,
  quantity    INT            NOT NULL,
  unit_price  DECIMAL(12, 2) NOT NULL,
  PRIMARY KEY (tenant, order_id, sku)
);

CREATE TABLE retail_shipments (
  tenant          VARCHAR(64)    NOT NULL,
  shipment_id     VARCHAR(64)    NOT NULL,
  order_id        VARCHAR(32)    NOT NULL,
  sku             VARCHAR(32)    NOT NULL,
  warehouse       VARCHAR(32)    NOT NULL,
  speed           VARCHAR(16)    NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  cost            DECIMAL(12, 2) NOT NULL,
  idempotency_key VARCHAR(300),
  created_at      TIMESTAMP      NOT NULL,
  PRIMARY KEY (tenant, shipment_id)
);
CREATE UNIQUE INDEX retail_shipments_key ON retail_shipments (tenant, idempotency_key);

CREATE TABLE retail_charges (
  tenant      VARCHAR(64)    NOT NULL,
  charge_id   VARCHAR(32)    NOT NULL,
  order_id    VARCHAR(32)    NOT NULL,
  amount      DECIMAL(12, 2) NOT NULL,
  currency    VARCHAR(3)     NOT NULL,
  card_last4  VARCHAR(4)     NOT NULL,
  captured_at TIMESTAMP      NOT NULL,
  PRIMARY KEY (tenant, charge_id)
);

CREATE TABLE retail_refunds (
  tenant          VARCHAR(64)    NOT NULL,
  refund_id       VARCHAR(64)    NOT NULL,
  charge_id       VARCHAR(32)    NOT NULL,
  amount          DECIMAL(12, 2) NOT NULL,
  reason          VARCHAR(500)   NOT NULL,
  idempotency_key VARCHAR(300)   NOT NULL,
  created_at      TIMESTAMP      NOT NULL,
  PRIMARY KEY (tenant, refund_id)
);
CREATE UNIQUE INDEX retail_refunds_key ON retail_refunds (tenant, idempotency_key);

CREATE TABLE retail_invoices (
  tenant      VARCHAR(64)    NOT NULL,
  invoice_id  VARCHAR(32)    NOT NULL,
  order_id    VARCHAR(32)    NOT NULL,
  total       DECIMAL(12, 2) NOT NULL,
  currency    VARCHAR(3)     NOT NULL,
  issued_at   TIMESTAMP      NOT NULL,
  PRIMARY KEY (tenant, invoice_id)
);

CREATE TABLE retail_stock (
  tenant      VARCHAR(64)  NOT NULL,
  sku         VARCHAR(32)  NOT NULL,
  warehouse   VARCHAR(32)  NOT NULL,
  on_hand     INT          NOT NULL,
  next_day    BOOLEAN      NOT NULL,
  PRIMARY KEY (tenant, sku, warehouse)
);

CREATE TABLE retail_reservations (
  tenant          VARCHAR(64)  NOT NULL,
  reservation_id  VARCHAR(64)  NOT NULL,
  sku             VARCHAR(32)  NOT NULL,
  warehouse       VARCHAR(32)  NOT NULL,
  quantity        INT          NOT NULL,
  idempotency_key VARCHAR(300) NOT NULL,
  created_at      TIMESTAMP    NOT NULL,
  PRIMARY KEY (tenant, reservation_id)
);
CREATE UNIQUE INDEX retail_reservations_key ON retail_reservations (tenant, idempotency_key);

CREATE TABLE retail_catalog (
  tenant      VARCHAR(64)    NOT NULL,
  sku         VARCHAR(32)    NOT NULL,
  name        VARCHAR(128)   NOT NULL,
  category    VARCHAR(32)    NOT NULL,
  unit_price  DECIMAL(12, 2) NOT NULL,
  PRIMARY KEY (tenant, sku)
);
