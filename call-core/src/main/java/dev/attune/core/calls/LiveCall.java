package dev.attune.core.calls;

import java.time.Instant;

/**
 * The cluster-wide view of one call in progress, as {@code GET /api/calls} shows it.
 * The bridge owns it (entry processors on {@code calls.live}); everybody else only reads it.
 *
 * @param id          {@code systemname:linkedid}
 * @param linkedid    the PBX Linkedid of the contact
 * @param holdSeconds completed hold time so far (an open hold is counted from {@code heldSince})
 */
public record LiveCall(
    String id,
    String linkedid,
    String caller,
    String callerName,
    Direction direction,
    String queue,
    String agent,
    CallState state,
    Instant offeredAt,
    Instant queuedAt,
    Instant answeredAt,
    Instant heldSince,
    long holdSeconds,
    int holdCount,
    int transfers,
    Instant lastEventAt) {}
