package dev.attune.core.bus;

import dev.attune.core.complaints.Complaint;

/**
 * A complaint record moved on ({@link Addresses#COMPLAINTS}): {@code change} is drafted, confirmed or discarded. For
 * the agent it names and for supervisors.
 */
public record ComplaintChange(String change, Complaint complaint) implements BusMessage {

  @Override
  public String agent() {
    return complaint.agent();
  }

  @Override
  public String callId() {
    return complaint.callId();
  }
}
