package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  void fiveFailuresBlockThatUserFromThatAddressUntilTheWindowPasses() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertThat(throttle.admit("mallory", "10.0.0.9")).isZero();
    }
    assertThat(throttle.admit("mallory", "10.0.0.9")).isEqualTo(LoginThrottle.WINDOW.toSeconds());
    assertThat(throttle.admit("alice", "10.0.0.9")).as("another user from there").isZero();
    now.set(now.get().plus(LoginThrottle.WINDOW));
    assertThat(throttle.admit("mallory", "10.0.0.9")).isZero();
  }

  @Test
  void guessesFromOneAddressDoNotLockTheRealUserOutFromAnother() {
    for (int i = 0; i < 50; i++) {
      throttle.admit("admin", "203.0.113.7");
    }
    assertThat(throttle.admit("admin", "203.0.113.7")).isPositive();
    assertThat(throttle.admit("admin", "10.1.2.3")).isZero();
  }

  @Test
  void oneAddressGetsTwentyAttemptsInAllWhateverTheUsernames() {
    for (int i = 0; i < LoginThrottle.MAX_ADDRESS_FAILURES; i++) {
      assertThat(throttle.admit("user" + i, "198.51.100.4")).isZero();
    }
    assertThat(throttle.admit("someone-else", "198.51.100.4")).isPositive();
    assertThat(throttle.admit("someone-else", "198.51.100.5")).isZero();
  }

  @Test
  void successGivesItsPlaceBackAndClearsThatUsersFailures() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      throttle.admit("bob", "10.0.0.2");
    }
    assertThat(throttle.admit("bob", "10.0.0.2")).isZero();
    throttle.succeeded("bob", "10.0.0.2");
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertThat(throttle.admit("bob", "10.0.0.2")).as("attempt %d after the success", i + 1).isZero();
    }
    assertThat(throttle.admit("bob", "10.0.0.2")).isPositive();
  }

  @Test
  void aParallelBurstGetsExactlyTheAllowedAttemptsAdmitted() throws Exception {
    int threads = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return throttle.admit("admin", "192.0.2.1");
        }));
      }
      start.countDown();
      int admitted = 0;
      for (Future<Long> answer : answers) {
        admitted += answer.get() == 0 ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(LoginThrottle.MAX_FAILURES);
    } finally {
      pool.shutdownNow();
    }
  }
}
