package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

import dev.attune.core.calls.Party;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stateless check of one utterance against the rule packs: wording to avoid (agent) and signs of the customer's
 * state (customer). The checklist cues live in {@link #checklistCues}; the accumulating rules (apologies over a
 * window, the checklist, tone and pace) are {@link CallCoach}'s. Thread-safe: holds nothing but the packs.
 */
public final class UtteranceRules {
  private final Supplier<RulePacks> packs;

  public UtteranceRules(RulePacks packs) {
    this(() -> packs);
  }

  /** Reads the packs on every check, so a {@link LiveRulePacks} reload takes effect at once. */
  public UtteranceRules(Supplier<RulePacks> packs) {
    this.packs = packs;
  }

  /** What one category found in one utterance: the words, and how many separate times. */
  record Hit(CategoryRule rule, List<String> evidence, int count) {
    String evidenceText() {
      return String.join(" … ", evidence);
    }
  }

  /**
   * Wording and customer-state findings for one utterance. {@code lang} null or blank: detect (Chinese characters
   * → zh, else en); text mixing Chinese and English words is checked against both packs.
   */
  public List<Finding> check(String text, Party party, String lang) {
    List<Finding> out = new ArrayList<>();
    for (Hit hit : hits(text, party, lang)) {
      CategoryRule rule = hit.rule();
      if (rule.kind() == GuidanceItem.Kind.CHECKLIST || hit.count() < minimumCount(rule)) {
        continue;
      }
      out.add(finding(rule, rule.severity(), hit.evidenceText()));
    }
    return out;
  }

  /** Complaint-checklist cues in one utterance: "complaint" (customer) and the steps ("checklist.empathized", ...). */
  public List<Finding> checklistCues(String text, Party party, String lang) {
    List<Finding> out = new ArrayList<>();
    for (Hit hit : hits(text, party, lang)) {
      if (hit.rule().kind() == GuidanceItem.Kind.CHECKLIST) {
        out.add(finding(hit.rule(), hit.rule().severity(), hit.evidenceText()));
      }
    }
    return out;
  }

  static Finding finding(CategoryRule rule, GuidanceItem.Severity severity, String evidence) {
    return new Finding(rule.kind(), rule.name(), rule.title(), severity, rule.why(), rule.better(), evidence);
  }

  /** A repeat apology needs several apologies; every other category needs one match. */
  static int minimumCount(CategoryRule rule) {
    return rule.name().equals("apology_repeat") ? (int) rule.figure("count") : 1;
  }

  /** Every textual category that matched, once per category; mixed text adds up what both packs found. */
  List<Hit> hits(String text, Party party, String lang) {
    Map<String, Hit> byCategory = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return List.of();
    }
    UnitText units = UnitText.of(text);
    for (RulePack pack : packs.get().forText(units, lang)) {
      RulePack.Reading reading = pack.read(units);
      for (CategoryRule rule : pack.categories.values()) {
        if (!rule.textual() || !rule.appliesTo(party)) {
          continue;
        }
        List<Span> spans = pack.matches(rule, reading);
        if (!spans.isEmpty()) {
          Hit earlier = byCategory.get(rule.name());
          List<String> evidence = new ArrayList<>(earlier != null ? earlier.evidence() : List.of());
          for (Span s : spans) {
            String e = units.evidence(s.start(), s.end());
            if (evidence.size() < 3 && !evidence.contains(e)) {
              evidence.add(e);
            }
          }
          int count = spans.size() + (earlier != null ? earlier.count() : 0);
          byCategory.put(rule.name(), new Hit(earlier != null ? earlier.rule() : rule, evidence, count));
        }
      }
    }
    return List.copyOf(byCategory.values());
  }
}
