package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T06:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  });

  @Test
  void fifthFailureBlocksThatUserUntilTheWindowPasses() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed("mallory");
    }
    assertThat(throttle.blockedForSeconds("mallory")).isZero();
    throttle.failed("mallory");
    assertThat(throttle.blockedForSeconds("mallory")).isEqualTo(LoginThrottle.WINDOW.toSeconds());
    assertThat(throttle.blockedForSeconds("alice")).isZero();
    now.set(now.get().plus(LoginThrottle.WINDOW));
    assertThat(throttle.blockedForSeconds("mallory")).isZero();
  }

  @Test
  void successClearsEarlierFailures() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed("bob");
    }
    throttle.succeeded("bob");
    throttle.failed("bob");
    assertThat(throttle.blockedForSeconds("bob")).isZero();
  }
}
