package dev.attune.assist.web;

import com.hazelcast.map.IMap;
import dev.attune.core.store.JsonRows;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Records a map keeps written through (complaints, alerts, supervision), from an instant on, oldest first: read from
 * the database's rows, which hold them all, or on a node without a database from the cluster map, which then does.
 */
public final class KeptRecords<V> {
  private final JsonRows<V> rows;
  private final IMap<String, V> map;
  private final Function<V, Instant> at;

  /** {@code rows} may be null (no database); {@code at}: the instant a record is sorted and filtered by. */
  public KeptRecords(JsonRows<V> rows, IMap<String, V> map, Function<V, Instant> at) {
    this.rows = rows;
    this.map = map;
    this.at = at;
  }

  /** Blocks. */
  public List<V> since(Instant from) throws Exception {
    if (rows != null) {
      return rows.since(from);
    }
    return map.values().stream().filter(v -> at.apply(v) != null && !at.apply(v).isBefore(from))
        .sorted(java.util.Comparator.comparing(at)).toList();
  }
}
