package dev.attune.assist.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed sign-ins for one username within
 * {@link #WINDOW}, further attempts for it are refused (HTTP 429) until the window has passed, without hashing,
 * so guessing also cannot keep the worker pool busy with deliberately slow hashes. Per node, in memory: a cluster of
 * N nodes allows N times as many guesses, which still turns a dictionary attack into years.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int MAX_TRACKED = 100_000; // bounded memory even when attacked with random usernames

  private record Failures(int count, Instant since) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds until {@code username} may try again, or 0 when it may try now. */
  long blockedForSeconds(String username) {
    Failures f = failures.get(username);
    if (f == null) {
      return 0;
    }
    Instant until = f.since().plus(WINDOW);
    Instant now = clock.instant();
    if (!now.isBefore(until)) {
      failures.remove(username, f);
      return 0;
    }
    return f.count() >= MAX_FAILURES ? Math.max(1, Duration.between(now, until).toSeconds()) : 0;
  }

  void failed(String username) {
    if (failures.size() >= MAX_TRACKED) {
      Instant cutoff = clock.instant().minus(WINDOW);
      failures.values().removeIf(f -> f.since().isBefore(cutoff));
    }
    Instant now = clock.instant();
    failures.merge(username, new Failures(1, now), (old, one) ->
        old.since().plus(WINDOW).isAfter(now) ? new Failures(old.count() + 1, old.since()) : one);
  }

  void succeeded(String username) {
    failures.remove(username);
  }
}
