package dev.attune.core.bus;

import java.time.Instant;

/** A supervisor took an alert in hand ({@link Addresses#ALERT_ACKS}): every wallboard marks it. */
public record AlertAcknowledged(String id, String by, Instant at) implements BusMessage {

  @Override
  public Audience audience() {
    return Audience.SUPERVISORS;
  }
}
