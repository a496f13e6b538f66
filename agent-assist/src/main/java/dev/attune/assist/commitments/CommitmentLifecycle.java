package dev.attune.assist.commitments;

import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.commitments.PhoneNumbers;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pure rules of a promise's life: what is due now, given the record and the clock. No I/O, so the
 * service can apply each step with an atomic compare-and-replace and the rules can be tested alone.
 */
public final class CommitmentLifecycle {

  private final Duration remindBefore;

  public CommitmentLifecycle(Duration remindBefore) {
    this.remindBefore = remindBefore;
  }

  /** How long before its deadline an open promise is reminded: nothing fires on one due later than that. */
  public Duration remindBefore() {
    return remindBefore;
  }

  /** The one reminder to the agent, {@code remindBefore} ahead of due; never twice. */
  public Optional<Commitment> reminder(Commitment c, Instant now) {
    if (c.status() != CommitmentStatus.OPEN || c.remindedAt() != null || now.isBefore(c.dueAt().minus(remindBefore))) {
      return Optional.empty();
    }
    return Optional.of(c.reminded(now));
  }

  /** Past due and still open: becomes OVERDUE and the supervisor is alerted once. */
  public Optional<Commitment> escalation(Commitment c, Instant now) {
    if (c.status() != CommitmentStatus.OPEN || c.escalatedAt() != null || now.isBefore(c.dueAt())) {
      return Optional.empty();
    }
    return Optional.of(c.escalated(now));
  }

  /** An answered call to or from the customer's number keeps a live promise, late or not. */
  public Optional<Commitment> keptBy(Commitment c, String number, String callId, Instant now) {
    if (!c.status().live() || !PhoneNumbers.same(c.customerNumber(), number)) {
      return Optional.empty();
    }
    return Optional.of(c.kept(callId, now));
  }
}
