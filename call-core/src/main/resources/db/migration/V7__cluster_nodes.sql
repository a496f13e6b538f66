-- Every node start leaves its mark (see SharedDatabase): a node joining a cluster looks for the marks of the members
-- already in it, and finds them only when they all write to this same database.
CREATE TABLE cluster_nodes (
  marker     VARCHAR(64) PRIMARY KEY,
  started_ms BIGINT NOT NULL
);
