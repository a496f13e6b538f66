package dev.attune.assist.transcripts;

import dev.attune.core.bus.Json;
import java.time.Instant;

/**
 * A transcript segment accepted for a live call, as published on {@code Addresses.TRANSCRIPTS}: the segment plus who
 * is on the call at that moment, so the coach that picks it up on another member needs no lookup.
 */
public record HeardSegment(TranscriptSegment segment, String agent, String caller, String callerName,
                           Instant receivedAt) {

  public String toJson() {
    return Json.write(this);
  }

  public static HeardSegment fromJson(String json) {
    return Json.read(json, HeardSegment.class);
  }
}
