package dev.attune.assist.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A per-user token bucket for requests that cost CPU (analysis, transcript segments): each user may send
 * {@code perSecond} on average and a burst of five seconds' worth; past that the request is refused with 429 and
 * {@code Retry-After}, so one busy script or hostile token cannot slow the node for every agent. Per node, in memory.
 */
public final class RequestRate {
  private static final int MAX_TRACKED = 100_000; // bounded memory; a full bucket is the same as no bucket

  private final String what;
  private final double perSecond;
  private final double burst;
  private final Clock clock;
  /** Tokens left and when they were counted, per username. Guarded by {@code this}: each step is tiny. */
  private final Map<String, double[]> buckets = new HashMap<>();

  public RequestRate(String what, double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException(what + ": the rate must be positive, was " + perSecond);
    }
    this.what = what;
    this.perSecond = perSecond;
    this.burst = Math.max(1, Math.ceil(perSecond * 5));
    this.clock = clock;
  }

  /** Takes one request for {@code username}, or throws a 429 {@link ApiError} saying when the next is allowed. */
  public void take(String username) {
    long wait = admit(username);
    if (wait > 0) {
      throw ApiError.tooManyRequests("too many " + what + " requests; try again in " + wait + " s", wait);
    }
  }

  /** 0 when admitted (and counted), else whole seconds until one token is back. */
  synchronized long admit(String username) {
    double now = clock.millis() / 1000.0;
    if (buckets.size() >= MAX_TRACKED) {
      buckets.values().removeIf(b -> level(b, now) >= burst);
    }
    double[] bucket = buckets.computeIfAbsent(username, u -> new double[] {burst, now});
    double tokens = level(bucket, now);
    bucket[1] = now;
    if (tokens >= 1) {
      bucket[0] = tokens - 1;
      return 0;
    }
    bucket[0] = tokens;
    return (long) Math.ceil((1 - tokens) / perSecond);
  }

  private double level(double[] bucket, double now) {
    return Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond);
  }
}
