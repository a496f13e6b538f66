package dev.attune.assist.customers;

import dev.attune.assist.web.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields an administrator may set in a profile, checked the same way from JSON ({@code PUT}) and from a CSV row
 * (import): a wrong one is an {@link ApiError} naming the field and what it takes.
 */
final class ProfileFields {
  /** The settable fields, in the order the CSV has them and the audit compares them. */
  static final List<String> NAMES = List.of("name", "vip", "language", "skills", "notes");
  private static final Set<String> SETTABLE = Set.copyOf(NAMES);
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?");
  private static final Pattern SKILL = Pattern.compile("[\\p{L}\\p{N}_.-]{1,40}");
  private static final int MAX_SKILLS = 20;
  private static final int MAX_NAME = 100;
  private static final int MAX_NOTES = 2000;

  private ProfileFields() {}

  /** From a JSON body: every key must be settable; absent keys stay as they are. */
  static ProfileEdit fromJson(Map<String, Object> body) {
    for (String key : body.keySet()) {
      if (!SETTABLE.contains(key)) {
        throw ApiError.badRequest("unknown field " + key + " (settable: " + String.join(", ", NAMES) + ")");
      }
    }
    Object vip = body.get("vip");
    if (vip != null && !(vip instanceof Boolean)) {
      throw ApiError.badRequest("vip must be true or false");
    }
    Object skills = body.get("skills");
    if (skills != null && !(skills instanceof List<?>)) {
      throw ApiError.badRequest("skills must be a list of names, e.g. [\"billing\", \"mandarin\"]");
    }
    return ProfileEdit.of(text(body.get("name"), "name", MAX_NAME), (Boolean) vip, language(body.get("language")),
        skills == null ? null : skills((List<?>) skills), text(body.get("notes"), "notes", MAX_NOTES));
  }

  /** From a CSV cell each: empty leaves the field as it is; skills are separated by {@code ;}. */
  static ProfileEdit fromCells(Map<String, String> cells) {
    String vip = blankToNull(cells.get("vip"));
    String skills = blankToNull(cells.get("skills"));
    return ProfileEdit.of(text(blankToNull(cells.get("name")), "name", MAX_NAME), vip == null ? null : yesNo(vip),
        language(blankToNull(cells.get("language"))),
        skills == null ? null : skills(List.of((Object[]) skills.split(";"))),
        text(blankToNull(cells.get("notes")), "notes", MAX_NOTES));
  }

  private static Boolean yesNo(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "y" -> true;
      case "false", "no", "0", "n" -> false;
      default -> throw ApiError.badRequest("vip must be true or false (or yes/no, 1/0), not '" + value + "'");
    };
  }

  private static String text(Object value, String field, int max) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.badRequest(field + " must be a string");
    }
    String trimmed = s.strip();
    if (trimmed.length() > max) {
      throw ApiError.badRequest(field + " has " + trimmed.length() + " characters; at most " + max);
    }
    if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      throw ApiError.badRequest(field + " contains control characters");
    }
    return trimmed;
  }

  private static String language(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || !LANGUAGE.matcher(s.trim()).matches()) {
      throw ApiError.badRequest("language must be a language tag such as en, zh or zh-CN");
    }
    return s.trim().toLowerCase(Locale.ROOT);
  }

  private static List<String> skills(List<?> values) {
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      String skill = v instanceof String s ? s.trim() : null;
      if (skill == null || !SKILL.matcher(skill).matches()) {
        throw ApiError.badRequest("skills must be names of 1 to 40 letters, digits, '-', '_' or '.'; not " + v);
      }
      if (!out.contains(skill)) {
        out.add(skill);
      }
    }
    if (out.size() > MAX_SKILLS) {
      throw ApiError.badRequest("at most " + MAX_SKILLS + " skills");
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
