package dev.attune.core.calls;

import java.time.Instant;

/** An agent took the call; {@code waitSeconds} is the queue wait as the PBX measured it. */
public record CallAnswered(String callId, Instant at, String agent, String queue, long waitSeconds) implements CallEvent {}
