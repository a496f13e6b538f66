-- Durable Hazelcast maps. Each row is one map entry: its key, the record as JSON (same shape as the HTTP API),
-- and two columns the web queries need without parsing JSON: owner (the customer's number) and sort_ms
-- (newest-first ordering). JSON bodies keep the schema stable when records gain fields at the end.
CREATE TABLE call_history (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX call_history_sort ON call_history (sort_ms DESC);
CREATE INDEX call_history_owner ON call_history (owner, sort_ms DESC);

CREATE TABLE customers (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);

CREATE TABLE commitments (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX commitments_owner ON commitments (owner);
