package dev.attune.core.bus;

import java.time.Instant;

/**
 * One card for the agent's screen ({@code {kind, category, title, severity, message, suggestion, evidence, at}} on the
 * wire), addressed to the call and the agent on it. SEVERE items also go to supervisors. {@code category} is for
 * programs (filters, metrics); {@code title} is what a person reads, in the call's language (null: none given).
 * {@code id} names the card once it is addressed (the agent's verdict on it refers to it); null before.
 */
public record GuidanceItem(Kind kind, String category, String title, Severity severity, String message,
                           String suggestion, String evidence, Instant at, String callId, String agent, String id)
    implements BusMessage {
  public enum Kind { TONE, PACE, WORDING, COMMITMENT, CHECKLIST }

  public enum Severity { INFO, WARNING, SEVERE }

  /** The same card, addressed to {@code to} on {@code call} under the name {@code cardId}. */
  public GuidanceItem addressed(String call, String to, String cardId) {
    return new GuidanceItem(kind, category, title, severity, message, suggestion, evidence, at, call, to, cardId);
  }

  @Override
  public Audience audience() {
    return severity == Severity.SEVERE ? Audience.AGENT_AND_SUPERVISORS : Audience.AGENT;
  }
}
