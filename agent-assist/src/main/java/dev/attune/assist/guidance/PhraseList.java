package dev.attune.assist.guidance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrases and regular expressions of one list in a pack (a category's phrases, its exceptions, the negation
 * cues...). Expressions run per clause over the normalised clause text (lower case, no apostrophes, Latin words
 * separated by one space, Chinese characters joined), so a pack author writes them the way the phrases read.
 */
final class PhraseList {
  static final PhraseList EMPTY = new PhraseList(List.of(), List.of());

  private final List<Phrase> phrases;
  private final List<Pattern> patterns;
  private final Map<String, List<Phrase>> byFirstUnit = new HashMap<>(); // most phrases: tried only where they can start
  private final List<Phrase> everywhere = new ArrayList<>();             // prefixes and typo-tolerant first words

  PhraseList(List<Phrase> phrases, List<Pattern> patterns) {
    this.phrases = List.copyOf(phrases);
    this.patterns = List.copyOf(patterns);
    for (Phrase p : this.phrases) {
      String first = p.exactFirstUnit();
      if (first != null) {
        byFirstUnit.computeIfAbsent(first, k -> new ArrayList<>()).add(p);
      } else {
        everywhere.add(p);
      }
    }
  }

  boolean isEmpty() {
    return phrases.isEmpty() && patterns.isEmpty();
  }

  List<Span> find(UnitText text) {
    List<Span> out = new ArrayList<>();
    if (text.size() == 0) {
      return out;
    }
    for (int start = 0; start < text.size(); start++) {
      for (Phrase phrase : byFirstUnit.getOrDefault(text.unit(start).text(), List.of())) {
        phrase.matchAt(text, start, out);
      }
      for (Phrase phrase : everywhere) {
        phrase.matchAt(text, start, out);
      }
    }
    if (!patterns.isEmpty()) {
      findPatterns(text, out);
    }
    return out;
  }

  boolean foundIn(UnitText text) {
    return !find(text).isEmpty();
  }

  private void findPatterns(UnitText text, List<Span> out) {
    int from = 0;
    while (from < text.size()) {
      int clause = text.unit(from).clause();
      int to = from;
      StringBuilder joined = new StringBuilder();
      List<Integer> unitAt = new ArrayList<>(); // unit index of each character of joined
      while (to < text.size() && text.unit(to).clause() == clause) {
        UnitText.Unit u = text.unit(to);
        if (to > from && u.latin() && text.unit(to - 1).latin()) {
          joined.append(' ');
          unitAt.add(to);
        }
        for (int k = 0; k < u.text().length(); k++) {
          unitAt.add(to);
        }
        joined.append(u.text());
        to++;
      }
      for (Pattern pattern : patterns) {
        Matcher m = pattern.matcher(joined);
        while (m.find()) {
          if (m.end() > m.start()) {
            out.add(new Span(unitAt.get(m.start()), unitAt.get(m.end() - 1) + 1));
          }
        }
      }
      from = to;
    }
  }
}
