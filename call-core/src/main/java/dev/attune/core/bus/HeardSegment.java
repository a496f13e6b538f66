package dev.attune.core.bus;

import java.time.Instant;

/**
 * A transcript segment accepted for a live call, as published on {@link Addresses#TRANSCRIPTS}: the segment plus who
 * is on the call at that moment, so the coach that picks it up on another member needs no lookup.
 */
public record HeardSegment(TranscriptSegment segment, String agent, String caller, String callerName,
                           Instant receivedAt) implements BusMessage {

  @Override
  public String callId() {
    return segment == null ? null : segment.callId();
  }
}
