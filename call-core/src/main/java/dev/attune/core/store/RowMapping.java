package dev.attune.core.store;

import java.time.Instant;
import java.util.function.Function;

/**
 * How one durable map's values become rows of its table ({@code k, owner, sort_ms, body}): the record is kept as
 * JSON in {@code body}; {@code owner} (a customer's number) and {@code sortAt} feed the indexed queries.
 * The commitments helper plugs its record in with one of these and {@link DurableStores#register}.
 * {@code maxIdleSeconds} (0: never) lets the map forget an entry nobody read or wrote for that long: the row stays
 * and a later read loads it again, so a map that only grows (every card ever shown) does not fill the heap.
 */
public record RowMapping<V>(String map, String table, Class<V> type, Function<V, String> owner,
    Function<V, Instant> sortAt, boolean eagerLoad, int maxIdleSeconds) {
  public RowMapping {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("table name must be [a-z_]+: " + table);
    }
  }

  public RowMapping(String map, String table, Class<V> type, Function<V, String> owner, Function<V, Instant> sortAt,
                    boolean eagerLoad) {
    this(map, table, type, owner, sortAt, eagerLoad, 0);
  }
}
