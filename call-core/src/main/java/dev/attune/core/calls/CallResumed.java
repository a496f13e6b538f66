package dev.attune.core.calls;

import java.time.Instant;

/** The hold ended; {@code heldMillis} is this hold period's length in PBX time. */
public record CallResumed(String callId, Instant at, String agent, long heldMillis) implements CallEvent {}
