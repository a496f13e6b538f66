package dev.attune.assist.guidance;

import java.util.ArrayList;
import java.util.List;

/**
 * One phrase of a rule pack, compiled to units. Syntax (documented in the packs): words separated by spaces
 * (Chinese characters need none); {@code word*} matches any word starting with "word"; {@code ...} allows up to
 * {@code gap} units in between ("not ... my department", "不归...管"); a leading {@code ^} means the phrase must
 * open a clause ("^no"). A phrase never reaches across a clause boundary. With {@code fuzzy}, a Latin word of seven
 * letters or more also matches one typo away (ASR and typing: "gaurantee", "depatment").
 */
final class Phrase {
  private sealed interface Part permits Word, Prefix, Gap {}

  private record Word(String text) implements Part {}

  private record Prefix(String text) implements Part {}

  private record Gap() implements Part {}

  final String source;
  private final List<Part> parts;
  private final boolean anchored;
  private final int gap;
  private final boolean fuzzy;
  private final boolean acrossClauses;

  private Phrase(String source, List<Part> parts, boolean anchored, int gap, boolean fuzzy, boolean acrossClauses) {
    this.source = source;
    this.parts = parts;
    this.anchored = anchored;
    this.gap = gap;
    this.fuzzy = fuzzy;
    this.acrossClauses = acrossClauses;
  }

  /** Compiles a phrase; throws IllegalArgumentException with a message for the pack author. */
  static Phrase compile(String source, int gap, boolean fuzzy) {
    return compile(source, gap, fuzzy, false);
  }

  /**
   * With {@code acrossClauses} the phrase may span commas inside one sentence: exceptions such as "no, that's
   * right" are written with the comma left out.
   */
  static Phrase compile(String source, int gap, boolean fuzzy, boolean acrossClauses) {
    String s = source.strip();
    boolean anchored = s.startsWith("^");
    if (anchored) {
      s = s.substring(1).strip();
    }
    List<Part> parts = new ArrayList<>();
    String[] pieces = s.split("\\.\\.\\.|…", -1);
    for (int p = 0; p < pieces.length; p++) {
      if (p > 0) {
        parts.add(new Gap());
      }
      for (String chunk : pieces[p].strip().split("\\s+")) {
        if (chunk.isEmpty()) {
          continue;
        }
        boolean prefix = chunk.endsWith("*");
        UnitText units = UnitText.of(prefix ? chunk.substring(0, chunk.length() - 1) : chunk);
        if (units.size() == 0) {
          throw new IllegalArgumentException("\"" + chunk + "\" has no letters, digits or characters to match");
        }
        for (int u = 0; u < units.size(); u++) {
          String text = units.unit(u).text();
          parts.add(prefix && u == units.size() - 1 ? new Prefix(text) : new Word(text));
        }
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("empty phrase");
    }
    if (parts.get(0) instanceof Gap || parts.get(parts.size() - 1) instanceof Gap) {
      throw new IllegalArgumentException("\"...\" must stand between words, not at the start or end");
    }
    return new Phrase(source, List.copyOf(parts), anchored, gap, fuzzy, acrossClauses);
  }

  /** Every place the phrase occurs in the text. */
  void findAll(UnitText text, List<Span> out) {
    for (int start = 0; start < text.size(); start++) {
      matchAt(text, start, out);
    }
  }

  /** The occurrence starting at unit {@code start}, if there is one. */
  void matchAt(UnitText text, int start, List<Span> out) {
    if (anchored && start > 0 && text.unit(start - 1).clause() == text.unit(start).clause()) {
      return;
    }
    int end = matchFrom(text, start, 0, scope(text.unit(start)));
    if (end > 0) {
      out.add(new Span(start, end));
    }
  }

  /**
   * The unit every occurrence must start with, exactly; null when the first word is a prefix or may match a typo,
   * so the phrase has to be tried everywhere.
   */
  String exactFirstUnit() {
    return parts.get(0) instanceof Word w && !(fuzzy && w.text().length() >= 6) ? w.text() : null;
  }

  private int matchFrom(UnitText text, int pos, int part, int clause) {
    if (part == parts.size()) {
      return pos;
    }
    Part p = parts.get(part);
    if (p instanceof Gap) {
      for (int skip = 0; skip <= gap; skip++) {
        int end = matchFrom(text, pos + skip, part + 1, clause);
        if (end > 0) {
          return end;
        }
        if (pos + skip >= text.size() || scope(text.unit(pos + skip)) != clause) {
          return -1;
        }
      }
      return -1;
    }
    if (pos >= text.size() || scope(text.unit(pos)) != clause) {
      return -1;
    }
    UnitText.Unit unit = text.unit(pos);
    boolean ok = p instanceof Word w ? sameWord(unit, w.text()) : startsLike(unit, ((Prefix) p).text());
    return ok ? matchFrom(text, pos + 1, part + 1, clause) : -1;
  }

  private int scope(UnitText.Unit unit) {
    return acrossClauses ? unit.sentence() : unit.clause();
  }

  private boolean sameWord(UnitText.Unit unit, String word) {
    String t = unit.text();
    return t.equals(word) || fuzzy && unit.latin() && closeEnough(t, word);
  }

  private boolean startsLike(UnitText.Unit unit, String prefix) {
    String t = unit.text();
    if (t.startsWith(prefix)) {
      return true;
    }
    return fuzzy && unit.latin() && t.length() >= prefix.length() - 1
        && closeEnough(t.substring(0, Math.min(t.length(), prefix.length())), prefix);
  }

  /** One edit or one swap of neighbours apart, for words of seven letters or more that start alike. */
  static boolean closeEnough(String a, String b) {
    if (a.length() < 7 || b.length() < 7 || Math.abs(a.length() - b.length()) > 1 || a.charAt(0) != b.charAt(0)
        || Character.isDigit(a.charAt(0))) {
      return false;
    }
    return restrictedEditDistance(a, b) <= 1;
  }

  private static int restrictedEditDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
