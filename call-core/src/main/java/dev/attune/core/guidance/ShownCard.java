package dev.attune.core.guidance;

import dev.attune.core.bus.GuidanceItem;
import java.time.Instant;

/**
 * A guidance card as it was shown to an agent, kept (map {@code MapNames.GUIDANCE_CARDS}, key {@link #id}, written
 * through) with what fired it and the agent's verdict on it: the material a center tunes its rule packs from.
 * {@code utterance} is the whole segment the card was raised on (null for cards from the audio or a timer);
 * {@code evidence} is the part of it that matched. {@code verdict} is null until the agent gives one.
 */
public record ShownCard(
    String id,
    String callId,
    String agent,
    GuidanceItem.Kind kind,
    String category,
    String title,
    GuidanceItem.Severity severity,
    String message,
    String suggestion,
    String evidence,
    String utterance,
    String lang,
    Instant at,
    Verdict verdict,
    String verdictBy,
    Instant verdictAt) {

  /** What an agent said of a card: it helped, it was wrong, or it was just put away. */
  public enum Verdict { HELPFUL, WRONG, DISMISSED }

  public static ShownCard of(GuidanceItem item, String utterance, String lang) {
    return new ShownCard(item.id(), item.callId(), item.agent(), item.kind(), item.category(), item.title(),
        item.severity(), item.message(), item.suggestion(), item.evidence(), utterance, lang, item.at(), null, null,
        null);
  }

  public ShownCard judged(Verdict v, String by, Instant when) {
    return new ShownCard(id, callId, agent, kind, category, title, severity, message, suggestion, evidence, utterance,
        lang, at, v, by, when);
  }
}
