package dev.attune.core.calls;

import java.time.Instant;

/** The call moved from one agent (or extension) to another. */
public record CallTransferred(String callId, Instant at, TransferKind kind, String from, String to, boolean success)
    implements CallEvent {}
