package dev.attune.core.bus;

import java.time.Instant;

/**
 * An agent's standing in the queues as the PBX reports it ({@link Addresses#AGENT_STATUS}, and map
 * {@code MapNames.AGENT_STATUS}): logged in (a member of at least one queue), paused with its reason, and since when
 * the agent has been so. {@code wrapUpUntil}: after a queue call, app_queue offers the agent no call until then (its
 * {@code wrapuptime}); null when there is no wrap-up to wait out, and in the past once it is over (nothing is sent
 * when it ends: screens compare it with their clock). Ringing, talking and holding come from the calls themselves.
 */
public record AgentStatus(String agent, boolean loggedIn, boolean paused, String pauseReason, Instant since,
                          Instant wrapUpUntil) implements BusMessage {

  /** A standing without wrap-up. */
  public AgentStatus(String agent, boolean loggedIn, boolean paused, String pauseReason, Instant since) {
    this(agent, loggedIn, paused, pauseReason, since, null);
  }
}
