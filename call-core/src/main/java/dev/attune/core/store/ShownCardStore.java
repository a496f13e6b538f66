package dev.attune.core.store;

import dev.attune.core.bus.Json;
import dev.attune.core.guidance.ShownCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads of the kept guidance cards from the database (the map is loaded lazily: it holds what was shown or judged
 * since the member started). Rows still queued while the database is down are not visible here.
 */
public final class ShownCardStore {
  private final DataSource dataSource;

  ShownCardStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One call's cards, in the order they were shown. */
  public List<ShownCard> ofCall(String callId) throws SQLException {
    return query("SELECT body FROM guidance_cards WHERE owner = ? ORDER BY sort_ms, k", callId, null);
  }

  /** Cards shown from {@code since} on, oldest first. */
  public List<ShownCard> since(Instant since) throws SQLException {
    return query("SELECT body FROM guidance_cards WHERE sort_ms >= ? ORDER BY sort_ms, k", null, since);
  }

  private List<ShownCard> query(String sql, String owner, Instant since) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (owner != null) {
        ps.setString(1, owner);
      } else {
        ps.setLong(1, since.toEpochMilli());
      }
      List<ShownCard> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Json.read(rs.getString(1), ShownCard.class));
        }
      }
      return out;
    }
  }
}
