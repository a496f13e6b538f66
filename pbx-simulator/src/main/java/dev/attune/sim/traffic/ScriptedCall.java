package dev.attune.sim.traffic;

import dev.attune.sim.agi.AgiKey;
import java.util.List;
import java.util.Objects;

/**
 * A test's inbound call with nothing left to chance: {@code caller} queues in {@code queue}, the next free agent
 * answers after a one-second ring, talks {@code talkSeconds} and hangs up first; with the survey on, the caller then
 * answers the survey's prompts with {@code survey} (at once, not at a caller's pace) before the line drops.
 */
public record ScriptedCall(String caller, String callerName, String queue, double talkSeconds, List<AgiKey> survey) {
  public ScriptedCall {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(queue, "queue");
    survey = List.copyOf(survey);
    if (talkSeconds <= 0) {
      throw new IllegalArgumentException("talkSeconds must be > 0, was " + talkSeconds);
    }
  }
}
