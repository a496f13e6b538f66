package dev.attune.assist.language;

import java.util.Locale;

/**
 * The one guess of which language a piece of speech or text is in, for choosing rule packs and deadline grammars:
 * a declared tag wins when it names a language we read ({@code zh}, {@code zh-CN}, {@code en-US}...); otherwise text
 * with Han characters is Chinese and any other is English.
 */
public final class LanguageGuess {
  private LanguageGuess() {}

  /** {@code "zh"} or {@code "en"}. */
  public static String of(String declared, String text) {
    if (declared != null) {
      String tag = declared.strip().toLowerCase(Locale.ROOT);
      if (tag.startsWith("zh")) {
        return "zh";
      }
      if (tag.startsWith("en")) {
        return "en";
      }
    }
    return hasHan(text) ? "zh" : "en";
  }

  public static boolean isChinese(String declared, String text) {
    return of(declared, text).equals("zh");
  }

  public static boolean hasHan(String text) {
    return text != null && text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
