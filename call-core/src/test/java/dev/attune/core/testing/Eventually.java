package dev.attune.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tests' one way to wait: polls a condition until it holds or a deadline passes, so tests wait for outcomes,
 * never for fixed times.
 */
public final class Eventually {
  private Eventually() {}

  /** {@code probe} until {@code done} accepts what it gives (returned); an error from it counts as not yet. */
  public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      Thread.sleep(50); // poll interval, not a wait for the outcome itself
    }
    AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: "
        + last);
    if (lastError != null) {
      failure.initCause(lastError);
    }
    throw failure;
  }

  /** Until {@code condition} holds. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    await(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
  }
}
