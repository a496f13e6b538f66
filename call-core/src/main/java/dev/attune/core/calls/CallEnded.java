package dev.attune.core.calls;

import java.time.Instant;

/** The contact is over; {@code record} is what goes to history, exactly once. */
public record CallEnded(String callId, Instant at, CallRecord record) implements CallEvent {}
