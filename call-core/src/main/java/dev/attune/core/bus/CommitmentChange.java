package dev.attune.core.bus;

import dev.attune.core.commitments.Commitment;

/**
 * A promise moved on ({@link Addresses#COMMITMENTS}): {@code change} is one of proposed, opened, reminder, overdue,
 * kept, resolved, cancelled, customer-called-in; {@code callId} is set on customer-called-in: the call the customer is on now.
 */
public record CommitmentChange(String change, String callId, Commitment commitment) implements BusMessage {

  @Override
  public String agent() {
    return commitment.agent();
  }
}
