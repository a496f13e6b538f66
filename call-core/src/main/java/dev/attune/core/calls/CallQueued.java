package dev.attune.core.calls;

import java.time.Instant;

/** The caller joined a queue at this position. */
public record CallQueued(String callId, Instant at, String queue, int position, String caller) implements CallEvent {}
