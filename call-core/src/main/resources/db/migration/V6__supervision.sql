-- Supervisors listening in, whispering, barging (see SupervisionUse): owner is the supervisor, sort_ms when.
CREATE TABLE supervision (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX supervision_sort ON supervision (sort_ms);
