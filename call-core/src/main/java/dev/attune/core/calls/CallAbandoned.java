package dev.attune.core.calls;

import java.time.Instant;

/** The caller hung up while waiting in the queue. */
public record CallAbandoned(String callId, Instant at, String queue, long waitSeconds) implements CallEvent {}
