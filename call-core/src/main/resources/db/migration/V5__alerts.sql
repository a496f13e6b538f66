-- Alerts kept for supervisors (see KeptAlert): owner is the alert's kind, sort_ms when it was raised.
CREATE TABLE alerts (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX alerts_sort ON alerts (sort_ms);
