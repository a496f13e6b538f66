package dev.attune.core.store;

/** The one SQL statement that differs between our two databases: the idempotent upsert. */
public enum Dialect {
  H2, POSTGRESQL;

  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
  }

  String upsert(String table) {
    return switch (this) {
      case H2 -> "MERGE INTO " + table + " (k, owner, sort_ms, body) KEY (k) VALUES (?, ?, ?, ?)";
      case POSTGRESQL -> "INSERT INTO " + table + " (k, owner, sort_ms, body) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (k) DO UPDATE SET owner = EXCLUDED.owner, sort_ms = EXCLUDED.sort_ms, body = EXCLUDED.body";
    };
  }
}
