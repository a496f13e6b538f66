package dev.attune.assist.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An utterance cut into matching units: every Han character is one unit (Chinese has no word boundaries, so
 * phrases match as character runs), every run of Latin letters or digits is one unit (so English matches whole
 * words and "SLA" never matches inside "translate"), and "%" is a unit of its own. Units are lower-cased with
 * apostrophes dropped, so ASR output ("cant", "im") and typed text ("can't", "I'm") look the same. Punctuation
 * is not a unit: it ends a clause (negation stays inside its clause) or a sentence (reported speech reaches across
 * commas but not across sentences). Each unit remembers where it came from, for evidence, and whether it sits
 * inside quotation marks.
 */
final class UnitText {
  final String original;
  final List<Unit> units;

  record Unit(String text, int start, int end, int clause, int sentence, boolean quoted, boolean latin) {}

  private UnitText(String original, List<Unit> units) {
    this.original = original;
    this.units = units;
  }

  int size() {
    return units.size();
  }

  Unit unit(int i) {
    return units.get(i);
  }

  /** The original characters covered by units {@code from} (inclusive) to {@code to} (exclusive). */
  String evidence(int from, int to) {
    return original.substring(units.get(from).start(), units.get(to - 1).end());
  }

  boolean hasHan() {
    return units.stream().anyMatch(u -> !u.latin());
  }

  boolean hasLatinWords() {
    return units.stream().anyMatch(u -> u.latin() && u.text().length() > 1 && Character.isLetter(u.text().charAt(0)));
  }

  static UnitText of(String text) {
    String s = text == null ? "" : text;
    List<Unit> units = new ArrayList<>();
    int clause = 0;
    int sentence = 0;
    boolean asciiQuote = false;
    int curlyDepth = 0;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int width = Character.charCount(c);
      int folded = fold(c);
      if (isHan(folded)) {
        units.add(new Unit(new String(Character.toChars(folded)), i, i + width, clause, sentence,
            asciiQuote || curlyDepth > 0, false));
        i += width;
      } else if (isWordChar(folded)) {
        int start = i;
        StringBuilder word = new StringBuilder();
        while (i < s.length()) {
          int d = fold(s.codePointAt(i));
          if (isWordChar(d)) {
            word.appendCodePoint(Character.toLowerCase(d));
          } else if (!isApostrophe(d) || !nextIsWordChar(s, i)) {
            break;
          }
          i += Character.charCount(s.codePointAt(i));
        }
        units.add(new Unit(word.toString().toLowerCase(Locale.ROOT), start, i, clause, sentence,
            asciiQuote || curlyDepth > 0, true));
      } else if (folded == '%') {
        units.add(new Unit("%", i, i + width, clause, sentence, asciiQuote || curlyDepth > 0, true));
        i += width;
      } else {
        if (folded == '"') {
          asciiQuote = !asciiQuote;
        } else if (c == '“' || c == '「' || c == '『' || c == '‘') {
          curlyDepth++;
        } else if ((c == '”' || c == '」' || c == '』' || c == '’' && curlyDepth > 0) && curlyDepth > 0) {
          curlyDepth--;
        } else if (isSentenceEnd(folded)) {
          sentence++;
          clause++;
        } else if (isClauseEnd(folded)) {
          clause++;
        }
        i += width;
      }
    }
    return new UnitText(s, units);
  }

  /** Full-width ASCII (common in Chinese input: １２３１５, ％, ！) to half-width. */
  private static int fold(int c) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
      return c - 0xFEE0;
    }
    return c;
  }

  static boolean isHan(int c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static boolean isWordChar(int c) {
    return Character.isLetterOrDigit(c) && !isHan(c);
  }

  private static boolean isApostrophe(int c) {
    return c == '\'' || c == '’' || c == '`';
  }

  private static boolean nextIsWordChar(String s, int i) {
    int next = i + 1;
    return next < s.length() && isWordChar(fold(s.codePointAt(next)));
  }

  private static boolean isSentenceEnd(int c) {
    return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？' || c == '…';
  }

  private static boolean isClauseEnd(int c) {
    return c == ',' || c == ';' || c == ':' || c == '，' || c == '；' || c == '：' || c == '、' || c == '—'
        || c == '(' || c == ')' || c == '（' || c == '）';
  }
}
