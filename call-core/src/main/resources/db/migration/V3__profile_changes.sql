-- Who changed what in customer profiles (see ProfileChange): owner is the customer's number key.
CREATE TABLE profile_changes (
  k       VARCHAR(200) PRIMARY KEY,
  owner   VARCHAR(200),
  sort_ms BIGINT,
  body    TEXT NOT NULL
);
CREATE INDEX profile_changes_owner ON profile_changes (owner, sort_ms);
