package dev.attune.core.store;

import com.hazelcast.map.MapStore;
import dev.attune.core.bus.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-through MapStore for one durable map, rows {@code (k, owner, sort_ms, body JSON)}. Upserts make every write
 * idempotent (a retried or replayed row is never a duplicate). It never throws on store/delete: a refused write goes
 * to {@link PendingWrites} so the in-memory map stays correct and live work goes on while the database is down.
 */
public final class JsonMapStore<V> implements MapStore<String, V> {
  private static final Logger log = LoggerFactory.getLogger(JsonMapStore.class);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final RowMapping<V> mapping;
  private final PendingWrites pending;
  private final String upsert;

  public JsonMapStore(DataSource dataSource, Dialect dialect, RowMapping<V> mapping, PendingWrites pending) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.mapping = mapping;
    this.pending = pending;
    this.upsert = dialect.upsert(mapping.table());
  }

  String table() {
    return mapping.table();
  }

  RowMapping<V> mapping() {
    return mapping;
  }

  @Override
  public void store(String key, V value) {
    write(key, value);
  }

  @Override
  public void storeAll(Map<String, V> map) {
    if (!pending.isEmpty()) {
      map.forEach((k, v) -> pending.add(new PendingWrites.Write(this, k, v)));
      return;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(upsert)) {
      for (Map.Entry<String, V> e : map.entrySet()) {
        bind(ps, e.getKey(), e.getValue());
        ps.addBatch();
      }
      try {
        ps.executeBatch();
      } catch (SQLException e) {
        evict(c);
        throw e;
      }
      pending.succeeded();
    } catch (SQLException | RuntimeException e) {
      log.warn("{}: database refused {} rows, queued for retry: {}", mapping.table(), map.size(), e.toString());
      map.forEach((k, v) -> pending.add(new PendingWrites.Write(this, k, v)));
    }
  }

  @Override
  public void delete(String key) {
    write(key, null);
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(this::delete);
  }

  private void write(String key, V valueOrNull) {
    if (!pending.isEmpty()) { // keep arrival order behind what is owed
      pending.add(new PendingWrites.Write(this, key, valueOrNull));
      return;
    }
    try {
      writeNow(key, valueOrNull);
      pending.succeeded();
    } catch (SQLException | RuntimeException e) {
      log.warn("{} {}: database refused the write, queued for retry: {}", mapping.table(), key, e.toString());
      pending.add(new PendingWrites.Write(this, key, valueOrNull));
    }
  }

  @SuppressWarnings("unchecked")
  void writeNow(String key, Object valueOrNull) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        writeOn(c, key, (V) valueOrNull);
      } catch (SQLException e) {
        evict(c); // the pool skips its liveness check on recently used connections; a broken one must go
        throw e;
      }
    }
  }

  private void evict(Connection c) {
    if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
      hikari.evictConnection(c);
    }
  }

  private void writeOn(Connection c, String key, V valueOrNull) throws SQLException {
    {
      if (valueOrNull == null) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + mapping.table() + " WHERE k = ?")) {
          ps.setString(1, key);
          ps.executeUpdate();
        }
      } else if (!alreadyStored(c, key, Json.write(valueOrNull))) {
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
          bind(ps, key, valueOrNull);
          ps.executeUpdate();
        }
      }
    }
  }

  /**
   * Hazelcast writes through at least once: a {@code set} retried while partitions migrate (a member died), or a
   * write replayed from {@link PendingWrites} after an error that came once it had committed, stores the same value
   * again. Such a repeat changes nothing and is skipped, so a row is only ever rewritten by a different record.
   */
  private boolean alreadyStored(Connection c, String key, String body) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT body FROM " + mapping.table() + " WHERE k = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && body.equals(rs.getString(1));
      }
    }
  }

  private void bind(PreparedStatement ps, String key, V value) throws SQLException {
    ps.setString(1, key);
    ps.setString(2, mapping.owner().apply(value));
    Instant at = mapping.sortAt().apply(value);
    if (at == null) {
      ps.setNull(3, Types.BIGINT);
    } else {
      ps.setLong(3, at.toEpochMilli());
    }
    ps.setString(4, Json.write(value));
  }

  @Override
  public V load(String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT body FROM " + mapping.table() + " WHERE k = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Json.read(rs.getString(1), mapping.type()) : null;
      }
    } catch (SQLException e) {
      log.warn("{} {}: load failed, treating as absent: {}", mapping.table(), key, e.toString());
      return null;
    }
  }

  @Override
  public Map<String, V> loadAll(Collection<String> keys) {
    Map<String, V> out = new HashMap<>();
    for (String k : keys) {
      V v = load(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    return out;
  }

  /** Eager maps (customers, commitments) load every key on start; history loads on demand (it grows without bound). */
  @Override
  public Iterable<String> loadAllKeys() {
    if (!mapping.eagerLoad()) {
      return null;
    }
    Set<String> keys = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT k FROM " + mapping.table());
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(mapping.table() + ": cannot list keys: " + e.getMessage(), e);
    }
    return keys;
  }

  Dialect dialect() {
    return dialect;
  }
}
