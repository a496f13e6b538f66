package dev.attune.core.bus;

import java.time.Instant;

/**
 * One card for the agent's screen ({@code {kind, category, title, severity, message, suggestion, evidence, at}} on the
 * wire), addressed to the call and the agent on it. SEVERE items also go to supervisors. {@code category} is for
 * programs (filters, metrics); {@code title} is what a person reads, in the call's language (null: none given).
 */
public record GuidanceItem(Kind kind, String category, String title, Severity severity, String message,
                           String suggestion, String evidence, Instant at, String callId, String agent)
    implements BusMessage {
  public enum Kind { TONE, PACE, WORDING, COMMITMENT, CHECKLIST }

  public enum Severity { INFO, WARNING, SEVERE }

  @Override
  public Audience audience() {
    return severity == Severity.SEVERE ? Audience.AGENT_AND_SUPERVISORS : Audience.AGENT;
  }
}
