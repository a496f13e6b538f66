-- Complaint records (see Complaint): owner is the customer's number key, sort_ms when the complaint was drafted.
CREATE TABLE complaints (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX complaints_owner ON complaints (owner, sort_ms);
CREATE INDEX complaints_sort ON complaints (sort_ms);
