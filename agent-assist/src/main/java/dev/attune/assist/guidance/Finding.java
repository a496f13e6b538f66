package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

/**
 * One finding on one utterance: what kind and category, its title for the screen (null if the pack has none), how
 * bad, the one-line why, a better phrasing, and the words that set it off.
 */
public record Finding(GuidanceItem.Kind kind, String category, String title, GuidanceItem.Severity severity,
                      String message, String suggestion, String evidence) {}
