package dev.attune.sim.traffic;

import dev.attune.sim.agi.AgiKey;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the caller's dialplan goes after the agent hangs up ({@code Queue(...,c)}, then
 * {@code AGI(agi://host:port/survey)}): runs the survey on the caller's channel and then calls {@code then}, on the
 * model's own thread, whatever became of the session (answered, no answer, server unreachable), saying whether the
 * caller hung up during it (else the dialplan's {@code Hangup()} ends the call).
 */
interface SurveyLine {
  void take(Leg caller, List<AgiKey> keys, boolean paced, Consumer<Boolean> then);
}
