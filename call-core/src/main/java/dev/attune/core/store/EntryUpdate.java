package dev.attune.core.store;

import com.hazelcast.map.IMap;
import java.util.function.UnaryOperator;

/**
 * One change to a cluster map's entry as a compare-and-replace: read it, work out the next value, replace it only if
 * nobody changed it meanwhile, else read again. Members racing on one entry (two screens, a sweep on each member)
 * change it one after the other, never over each other, and only the caller whose replace won hears that it changed.
 */
public final class EntryUpdate {
  /** Rounds of read and replace before giving up; more than a few means something writes the entry in a loop. */
  private static final int ATTEMPTS = 8;

  private EntryUpdate() {}

  /**
   * What came of it: {@code value} is the entry as this call left it (the new one when {@code changed}, else the one
   * the step declined, null when there was none); {@code contended}: others kept changing it and this call gave up.
   */
  public record Result<V>(V value, boolean changed, boolean contended) {}

  /** {@code step} gets the current value (never null) and returns the next, or null when the change does not apply. */
  public static <K, V> Result<V> apply(IMap<K, V> map, K key, UnaryOperator<V> step) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      V current = map.get(key);
      if (current == null) {
        return new Result<>(null, false, false);
      }
      V next = step.apply(current);
      if (next == null) {
        return new Result<>(current, false, false);
      }
      if (map.replace(key, current, next)) {
        return new Result<>(next, true, false);
      }
    }
    return new Result<>(map.get(key), false, true);
  }
}
