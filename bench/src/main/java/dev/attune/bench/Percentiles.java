package dev.attune.bench;

import java.util.Arrays;

/** Latency percentiles for the bench reports: nanoseconds in, milliseconds with two decimals out. */
final class Percentiles {
  private Percentiles() {}

  /** The {@code p}-th percentile (0..1, nearest rank) of {@code nanos}, in ms; NaN when empty. */
  static double ms(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return Math.round(sorted[Math.max(0, index)] / 1e4) / 100.0;
  }
}
