package dev.attune.app;

import java.time.Duration;
import java.util.function.Supplier;

/** The app tests' name for the one await helper, {@link dev.attune.core.testing.Eventually}. */
final class Eventually {
  private Eventually() {}

  static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done)
      throws InterruptedException {
    return dev.attune.core.testing.Eventually.await(what, timeout, probe, done);
  }
}
