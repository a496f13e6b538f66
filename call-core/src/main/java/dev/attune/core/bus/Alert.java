package dev.attune.core.bus;

import java.time.Instant;

/**
 * Something a supervisor must act on ({@link Addresses#ALERTS}); {@code kind} says what (today
 * {@code commitment-overdue}), the other fields what it is about (null where they do not apply).
 */
public record Alert(String kind, String commitmentId, String agent, String customer, Instant dueAt, String text)
    implements BusMessage {

  @Override
  public Audience audience() {
    return Audience.SUPERVISORS;
  }
}
