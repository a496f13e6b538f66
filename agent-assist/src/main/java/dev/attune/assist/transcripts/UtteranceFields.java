package dev.attune.assist.transcripts;

import dev.attune.assist.web.ApiError;
import dev.attune.core.calls.Party;
import java.util.Locale;
import java.util.regex.Pattern;

/** The fields every utterance carries (text, party, lang), read the same way by every route, with clear errors. */
public final class UtteranceFields {
  private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");

  private UtteranceFields() {}

  public static String text(Object value, int maxChars) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw ApiError.badRequest("text must be a non-empty string");
    }
    if (text.length() > maxChars) {
      throw ApiError.badRequest("text has " + text.length() + " characters; at most " + maxChars + " are accepted");
    }
    return text;
  }

  public static Party party(Object value) {
    if (value instanceof String s) {
      for (Party p : Party.values()) {
        if (p.name().equalsIgnoreCase(s)) {
          return p;
        }
      }
    }
    throw ApiError.badRequest("party must be \"agent\" or \"customer\"");
  }

  /** A language tag (en, zh, zh-CN), lower-cased; null when absent (the rules then detect it). */
  public static String lang(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || !LANG.matcher(s).matches()) {
      throw ApiError.badRequest("lang must be a language tag such as en, zh or zh-CN");
    }
    return s.toLowerCase(Locale.ROOT);
  }
}
