package dev.attune.core.bus;

import java.time.Instant;

/**
 * One card for the agent's screen ({@code {kind, category, severity, message, suggestion, evidence, at}} on the wire),
 * addressed to the call and the agent on it. SEVERE items also go to supervisors.
 */
public record GuidanceItem(Kind kind, String category, Severity severity, String message, String suggestion,
                           String evidence, Instant at, String callId, String agent) implements BusMessage {
  public enum Kind { TONE, PACE, WORDING, COMMITMENT, CHECKLIST }

  public enum Severity { INFO, WARNING, SEVERE }

  @Override
  public Audience audience() {
    return severity == Severity.SEVERE ? Audience.AGENT_AND_SUPERVISORS : Audience.AGENT;
  }
}
