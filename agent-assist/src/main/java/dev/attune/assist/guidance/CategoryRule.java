package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

import dev.attune.core.calls.Party;
import java.time.Duration;
import java.util.Map;

/**
 * One category of a rule pack, compiled: what it is (kind, who says it, how bad), what the agent is told (a
 * one-line why and a better phrasing), what text sets it off and what does not, and the figures its rule needs
 * (apology window, loudness step...). Speech categories have no phrases, only figures.
 *
 * @param party             who must say it; null for either party (or for speech rules)
 * @param title             the card's title on the agent's screen, in the pack's language; null when the pack has none
 * @param negatable         a negation cue shortly before the match cancels it ("I can't guarantee")
 * @param ignoreQuoted      quoted or reported speech does not count ("you said 'calm down'")
 * @param whenCustomerAngry severity to use instead while the customer is angry; null to keep {@code severity}
 * @param requires          a checklist step that must be ticked before this one can tick; null if none
 * @param cooldown          overrides the call-wide cool-down for this category; null to use it
 * @param examples          sentences the sentence model compares an utterance with ({@link SemanticRecall})
 */
record CategoryRule(String name, String title, GuidanceItem.Kind kind, Party party, GuidanceItem.Severity severity, String why,
                    String better, PhraseList phrases, PhraseList exceptions, PhraseList unless, boolean negatable,
                    boolean ignoreQuoted, GuidanceItem.Severity whenCustomerAngry, String requires, Duration cooldown,
                    Map<String, Double> figures, Examples examples, int line) {

  boolean textual() {
    return !phrases.isEmpty() || !examples.isEmpty();
  }

  boolean appliesTo(Party speaker) {
    return party == null || speaker == null || party == speaker;
  }

  double figure(String key) {
    Double v = figures.get(key);
    if (v == null) {
      throw new IllegalStateException("category " + name + " has no figure " + key + " (schema and pack disagree)");
    }
    return v;
  }
}
