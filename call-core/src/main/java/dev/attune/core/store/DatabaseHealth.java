package dev.attune.core.store;

/** What {@code /health} shows of the database: {@code {"db":"UP"|"DOWN","pendingWrites":n}}. */
public record DatabaseHealth(String db, int pendingWrites) {
  public boolean up() {
    return "UP".equals(db);
  }
}
