package dev.attune.assist.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing without letting anyone lock a real user out. Within {@link #WINDOW}, one source address
 * gets {@value #MAX_FAILURES} attempts per username and {@value #MAX_ADDRESS_FAILURES} in all; past that it is refused
 * (HTTP 429) until the window has passed, without hashing, so guessing cannot keep the worker pool busy with slow
 * hashes either. The user signing in from their own desk is not affected by failures from another address.
 *
 * <p>An attempt is counted when it is admitted, before its password is hashed, and the check and the count are one
 * step: a burst of parallel guesses gets exactly the allowed number checked, not as many as arrive before the first
 * failure is recorded. A success gives its place back and clears that username's failures from that address.
 *
 * <p>Per node, in memory: a cluster of N nodes allows N times as many guesses, which still turns a dictionary attack
 * into years. Behind a reverse proxy every request comes from the proxy's address; run the node where it sees the
 * browsers' addresses, or the per-address limit becomes a limit for everyone.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final int MAX_ADDRESS_FAILURES = 20;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int MAX_TRACKED = 100_000; // bounded memory even when attacked with random usernames

  /** Attempts counted since {@code since}. */
  private record Count(int attempts, Instant since) {}

  /** Keyed by address + NUL + username, and by address alone. Guarded by {@code this}: each step is tiny. */
  private final Map<String, Count> counts = new HashMap<>();
  private final Clock clock;

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Admits one attempt for {@code username} from {@code address} and counts it; or, when either limit is reached,
   * counts nothing and returns the seconds until the address may try again. 0 means admitted.
   */
  synchronized long admit(String username, String address) {
    Instant now = clock.instant();
    if (counts.size() >= MAX_TRACKED) {
      counts.values().removeIf(c -> !c.since().plus(WINDOW).isAfter(now));
    }
    String pair = address + '\0' + username;
    long wait = Math.max(waitFor(pair, MAX_FAILURES, now), waitFor(address, MAX_ADDRESS_FAILURES, now));
    if (wait > 0) {
      return wait;
    }
    count(pair, now);
    count(address, now);
    return 0;
  }

  /** The admitted attempt was right: its place is given back and the username's failures from there forgotten. */
  synchronized void succeeded(String username, String address) {
    counts.remove(address + '\0' + username);
    counts.computeIfPresent(address, (k, c) -> c.attempts() <= 1 ? null : new Count(c.attempts() - 1, c.since()));
  }

  private long waitFor(String key, int limit, Instant now) {
    Count c = counts.get(key);
    if (c == null) {
      return 0;
    }
    Instant until = c.since().plus(WINDOW);
    if (!now.isBefore(until)) {
      counts.remove(key);
      return 0;
    }
    return c.attempts() >= limit ? Math.max(1, Duration.between(now, until).toSeconds()) : 0;
  }

  private void count(String key, Instant now) {
    counts.merge(key, new Count(1, now), (old, one) -> new Count(old.attempts() + 1, old.since()));
  }
}
