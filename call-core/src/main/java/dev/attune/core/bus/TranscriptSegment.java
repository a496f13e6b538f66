package dev.attune.core.bus;

import dev.attune.core.calls.Party;

/**
 * A piece of transcript from any ASR: {@code {party, text, startMs, endMs, final, lang}}. Partial segments may be
 * replaced by later ones; only final ones count for rules that accumulate (apologies, checklist, promises).
 */
public record TranscriptSegment(String callId, Party party, String text, long startMs, long endMs, boolean isFinal,
                                String lang) {}
