package dev.attune.core.calls;

import java.time.Instant;

/** The PBX is ringing this agent for the call. */
public record AgentRinging(String callId, Instant at, String agent, String queue) implements CallEvent {}
