package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestRateTest {
  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T09:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aBurstOfFiveSecondsWorthThenOneRequestPerInterval() {
    HandClock clock = new HandClock();
    RequestRate rate = new RequestRate("analysis", 2, clock);
    for (int i = 0; i < 10; i++) {
      assertThat(rate.admit("ann")).as("request %d of the burst", i + 1).isZero();
    }
    assertThat(rate.admit("ann")).isEqualTo(1);
    clock.advance(Duration.ofMillis(500));
    assertThat(rate.admit("ann")).isZero();
    assertThat(rate.admit("ann")).isPositive();
  }

  @Test
  void usersHaveTheirOwnBuckets() {
    HandClock clock = new HandClock();
    RequestRate rate = new RequestRate("analysis", 0.1, clock);
    assertThat(rate.admit("ann")).isZero();
    assertThat(rate.admit("ann")).isEqualTo(10);
    assertThat(rate.admit("bob")).isZero();
  }

  @Test
  void aRefusalSaysWhenToComeBack() {
    RequestRate rate = new RequestRate("analysis", 0.5, new HandClock());
    for (int i = 0; i < 3; i++) {
      rate.take("ann");
    }
    assertThatThrownBy(() -> rate.take("ann")).isInstanceOfSatisfying(ApiError.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfterSeconds()).isEqualTo(2);
      assertThat(e.getMessage()).contains("analysis").contains("2 s");
    });
  }

  @Test
  void refusedRequestsDoNotPushTheNextOneFurtherAway() {
    HandClock clock = new HandClock();
    RequestRate rate = new RequestRate("transcript", 1, clock);
    for (int i = 0; i < 5; i++) {
      rate.admit("ann");
    }
    for (int i = 0; i < 100; i++) {
      assertThat(rate.admit("ann")).isEqualTo(1);
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(rate.admit("ann")).isZero();
  }
}
