package dev.attune.core.calls;

import java.time.Instant;

/** The agent put the customer on hold. */
public record CallHeld(String callId, Instant at, String agent) implements CallEvent {}
