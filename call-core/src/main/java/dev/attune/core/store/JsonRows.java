package dev.attune.core.store;

import dev.attune.core.bus.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads of one durable map's table ({@code k, owner, sort_ms, body}) for maps that are loaded lazily, so the map
 * holds only what was touched since the member started: by owner, and by period, oldest first. Rows still queued
 * while the database is down are not visible here.
 */
public final class JsonRows<V> {
  private final DataSource dataSource;
  private final String table;
  private final Class<V> type;

  JsonRows(DataSource dataSource, String table, Class<V> type) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("table name must be [a-z_]+: " + table);
    }
    this.dataSource = dataSource;
    this.table = table;
    this.type = type;
  }

  /** The rows of one owner (a call's cards, a customer's changes), oldest first. */
  public List<V> ofOwner(String owner) throws SQLException {
    return query("SELECT body FROM " + table + " WHERE owner = ? ORDER BY sort_ms, k", owner, null);
  }

  /** Every row, by key. */
  public List<V> all() throws SQLException {
    return query("SELECT body FROM " + table + " ORDER BY k", null, null);
  }

  /** Rows from {@code since} on, oldest first. */
  public List<V> since(Instant since) throws SQLException {
    return query("SELECT body FROM " + table + " WHERE sort_ms >= ? ORDER BY sort_ms, k", null, since);
  }

  private List<V> query(String sql, String owner, Instant since) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (owner != null) {
        ps.setString(1, owner);
      } else if (since != null) {
        ps.setLong(1, since.toEpochMilli());
      }
      List<V> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Json.read(rs.getString(1), type));
        }
      }
      return out;
    }
  }
}
