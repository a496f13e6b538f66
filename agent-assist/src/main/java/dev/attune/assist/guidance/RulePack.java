package dev.attune.assist.guidance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules of one language, as loaded from {@code <lang>.yaml}: its categories plus the cues that cancel a match
 * (negation shortly before it, reported speech or quotation marks around it).
 */
final class RulePack {
  final String language;
  final String file;
  final Map<String, CategoryRule> categories;
  private final Cues negation;
  private final Cues quotation;
  /** Everyday lines that flag nothing: the sentence model's "none of the above" ({@link SemanticRecall}). */
  final List<String> ordinary;

  /**
   * Cue phrases, phrases that look like cues but are not, how many units before a match a cue reaches, and words
   * that end a cue's reach (a new subject: "if this isn't sorted I'm cancelling").
   */
  record Cues(PhraseList cues, PhraseList exceptions, int window, PhraseList barriers) {}

  RulePack(String language, String file, Map<String, CategoryRule> categories, Cues negation, Cues quotation,
           List<String> ordinary) {
    this.language = language;
    this.file = file;
    this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories)); // pack order: stable output
    this.negation = negation;
    this.quotation = quotation;
    this.ordinary = List.copyOf(ordinary);
  }

  CategoryRule category(String name) {
    return categories.get(name);
  }

  /**
   * Where the category's phrases occur in the text and still count: not inside an exception ("no problem" is not a
   * blunt no), not in an utterance holding an "unless" phrase ("... but what I can do is"), not negated if the
   * category is negatable, not quoted or reported if it ignores quotes. Overlapping matches count once.
   */
  /** One utterance read against this pack: the negation and quotation cues are found once for all categories. */
  final class Reading {
    final UnitText text;
    private List<Span> negationCues;
    private List<Span> quotationCues;
    private List<Span> negationBarriers;
    private List<Span> quotationBarriers;

    private Reading(UnitText text) {
      this.text = text;
    }

    List<Span> negationCues() {
      if (negationCues == null) {
        negationCues = live(negation, text);
      }
      return negationCues;
    }

    List<Span> quotationCues() {
      if (quotationCues == null) {
        quotationCues = live(quotation, text);
      }
      return quotationCues;
    }

    List<Span> negationBarriers() {
      if (negationBarriers == null) {
        negationBarriers = negation.barriers().find(text);
      }
      return negationBarriers;
    }

    List<Span> quotationBarriers() {
      if (quotationBarriers == null) {
        quotationBarriers = quotation.barriers().find(text);
      }
      return quotationBarriers;
    }
  }

  Reading read(UnitText text) {
    return new Reading(text);
  }

  List<Span> matches(CategoryRule rule, UnitText text) {
    return matches(rule, read(text));
  }

  List<Span> matches(CategoryRule rule, Reading reading) {
    UnitText text = reading.text;
    List<Span> found = rule.phrases().find(text);
    if (found.isEmpty() || rule.unless().foundIn(text)) {
      return List.of();
    }
    List<Span> exceptions = rule.exceptions().find(text);
    found.removeIf(s -> exceptions.stream().anyMatch(s::overlaps));
    List<Span> spans = distinct(found);
    if (spans.isEmpty()) {
      return spans;
    }
    List<Span> negationCues = rule.negatable() ? reading.negationCues() : List.of();
    List<Span> quotationCues = rule.ignoreQuoted() ? reading.quotationCues() : List.of();
    List<Span> kept = new ArrayList<>();
    for (List<Span> chain : chains(spans, text)) {
      Span head = chain.get(0);
      boolean negated = rule.negatable()
          && cueBefore(negationCues, reading.negationBarriers(), head, text, negation.window(), true);
      boolean quoted = rule.ignoreQuoted() && (text.unit(head.start()).quoted()
          || cueBefore(quotationCues, reading.quotationBarriers(), head, text, quotation.window(), false));
      if (!negated && !quoted) {
        kept.addAll(chain);
      }
    }
    return kept;
  }

  /**
   * Whether the category's phrases are in the text and the rules set every match aside: an exception ("I'm not
   * going to tell you to calm down"), a negation or quotation cue ("I can't guarantee that", "you said 'calm
   * down'"). The rules looked at these very words and decided they do not count; the sentence model must not raise
   * them again.
   */
  boolean ruledOut(CategoryRule rule, Reading reading) {
    return !rule.phrases().find(reading.text).isEmpty() && matches(rule, reading).isEmpty();
  }

  private static List<Span> live(Cues cues, UnitText text) {
    List<Span> found = cues.cues().find(text);
    if (!found.isEmpty()) {
      List<Span> not = cues.exceptions().find(text);
      found.removeIf(s -> not.stream().anyMatch(s::overlaps));
    }
    return found;
  }

  /**
   * A cue ending at most {@code window} units before the span, in the same clause (or sentence, for quotes), with
   * no barrier between them.
   */
  private static boolean cueBefore(List<Span> cues, List<Span> barriers, Span span, UnitText text, int window,
                                   boolean sameClause) {
    UnitText.Unit first = text.unit(span.start());
    for (Span cue : cues) {
      if (cue.end() > span.start() || span.start() - cue.end() > window) {
        continue;
      }
      if (barriers.stream().anyMatch(b -> b.start() >= cue.end() && b.end() <= span.start())) {
        continue;
      }
      UnitText.Unit last = text.unit(cue.end() - 1);
      if (sameClause ? last.clause() == first.clause() : last.sentence() == first.sentence()) {
        return true;
      }
    }
    return false;
  }

  /** Longest first at each start; a span overlapping one already taken is the same occurrence. */
  private static List<Span> distinct(List<Span> found) {
    found.sort(Comparator.comparingInt(Span::start).thenComparing(s -> -s.end()));
    List<Span> out = new ArrayList<>();
    for (Span s : found) {
      if (out.isEmpty() || !out.get(out.size() - 1).overlaps(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Matches next to each other in one clause form a chain whose negation is decided at its head: in "I can't
   * 100% guarantee" the cue negates "100%" and with it "guarantee".
   */
  private static List<List<Span>> chains(List<Span> spans, UnitText text) {
    List<List<Span>> out = new ArrayList<>();
    List<Span> current = new ArrayList<>();
    for (Span s : spans) {
      if (!current.isEmpty()) {
        Span prev = current.get(current.size() - 1);
        boolean joined = s.start() - prev.end() <= 1
            && text.unit(prev.end() - 1).clause() == text.unit(s.start()).clause();
        if (!joined) {
          out.add(current);
          current = new ArrayList<>();
        }
      }
      current.add(s);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
