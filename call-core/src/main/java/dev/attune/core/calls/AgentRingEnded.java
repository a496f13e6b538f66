package dev.attune.core.calls;

import java.time.Instant;

/** An agent stopped ringing without taking the call (the winner is reported by {@link CallAnswered}). */
public record AgentRingEnded(String callId, Instant at, String agent, RingResult result, long ringMillis)
    implements CallEvent {}
