package dev.attune.core.bus;

import java.time.Instant;

/**
 * An agent's standing in the queues as the PBX reports it ({@link Addresses#AGENT_STATUS}, and map
 * {@code MapNames.AGENT_STATUS}): logged in (a member of at least one queue), paused with its reason, and since when
 * the agent has been so. Ringing, talking and holding come from the calls themselves.
 */
public record AgentStatus(String agent, boolean loggedIn, boolean paused, String pauseReason, Instant since)
    implements BusMessage {}
