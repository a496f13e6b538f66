package dev.attune.core.store;

import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.commitments.PhoneNumbers;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The history queries the web layer needs. They read the database, not the IMap: history is loaded lazily (it grows
 * without bound), so the map holds only recent or touched entries, while the table has every call with indexes on
 * {@code sort_ms} and {@code (owner, sort_ms)}. Rows still queued while the database is down are not visible here.
 */
public final class CallHistoryStore {
  private final DataSource dataSource;
  private final JsonRows<CallRecord> rows;
  private final CustomerKeys keys;

  CallHistoryStore(DataSource dataSource, CustomerKeys keys) {
    this.keys = keys;
    this.dataSource = dataSource;
    this.rows = new JsonRows<>(dataSource, "call_history", CallRecord.class);
  }

  /** Ended calls, newest first. */
  public List<CallRecord> newest(int limit) throws SQLException {
    return query("SELECT body FROM call_history ORDER BY sort_ms DESC NULLS LAST, k LIMIT ?", List.of(), limit);
  }

  /**
   * One customer's calls (by caller number, however it is written), newest first. Rows are owned by the number's
   * customer key ({@link CustomerKeys}); rows stored before a default country was configured (its digits) or before
   * keys at all (the number as the PBX gave it) are found too.
   */
  public List<CallRecord> ofCustomer(String number, int limit) throws SQLException {
    return query("SELECT body FROM call_history WHERE owner IN (?, ?, ?) ORDER BY sort_ms DESC NULLS LAST, k LIMIT ?",
        List.of(keys.key(number), PhoneNumbers.digitsKey(number), number), limit);
  }

  /** Calls that ended at or after {@code from}, oldest first (every event of the period is in one of them). */
  public List<CallRecord> endedSince(java.time.Instant from) throws SQLException {
    return rows.since(from);
  }

  private List<CallRecord> query(String sql, List<String> owners, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String owner : owners) {
        ps.setString(i++, owner);
      }
      ps.setInt(i, Math.max(0, limit));
      List<CallRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Json.read(rs.getString(1), CallRecord.class));
        }
      }
      return out;
    }
  }
}
