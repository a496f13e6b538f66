package dev.attune.core.calls;

import java.time.Instant;

/** A new customer contact reached the PBX: inbound from a trunk, or outbound when the PBX originates it. */
public record CallOffered(String callId, Instant at, String caller, String callerName, Direction direction)
    implements CallEvent {}
