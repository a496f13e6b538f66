package dev.attune.assist.commitments;

import dev.attune.core.calendar.BusinessCalendar;
import dev.attune.assist.language.LanguageGuess;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the deadline out of a promise ("tomorrow before 3pm", 两个工作日内) relative to the moment it was
 * said, in the center's time zone and business hours. The rules are documented in docs/commitments.md;
 * in short: a clock time is the due moment; morning ends 12:00, afternoon 18:00, evening 21:00; "end of
 * day" and a bare day ("tomorrow", "by Friday") mean that day's close; N business days mean the close of
 * the Nth business day after the call day; a time of day already passed rolls to the next day.
 * Vague words (asap, 尽快) state nothing: the default applies and the agent should agree a time.
 *
 * <p>Over 400 lines: the English and the Chinese grammar share the calendar arithmetic here; issue 13 replaces both
 * grammars, and splits them then.
 */
public final class PromiseDeadlineParser {

  private static final LocalTime MORNING_END = LocalTime.NOON;
  private static final LocalTime AFTERNOON_END = LocalTime.of(18, 0);
  private static final LocalTime EVENING_END = LocalTime.of(21, 0);
  private static final Duration RIGHT_AWAY = Duration.ofMinutes(15);

  private static final String EN_NUM = "(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
      + "fifteen|twenty|thirty|forty-five|forty|fifty)";
  private static final String ZH_NUM = "([0-9]+|[零〇一二两三四五六七八九十]+)";
  private static final Map<String, Integer> EN_WORDS = Map.ofEntries(
      Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
      Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
      Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
      Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
      Map.entry("forty-five", 45), Map.entry("fifty", 50));
  private static final Map<String, DayOfWeek> EN_DAYS = Map.of("monday", DayOfWeek.MONDAY, "tuesday",
      DayOfWeek.TUESDAY, "wednesday", DayOfWeek.WEDNESDAY, "thursday", DayOfWeek.THURSDAY, "friday",
      DayOfWeek.FRIDAY, "saturday", DayOfWeek.SATURDAY, "sunday", DayOfWeek.SUNDAY);

  private static final Pattern EN_HALF_HOUR = Pattern.compile("\\b(?:in|within)\\s+(?:half\\s+an|a\\s+half)\\s+hour");
  private static final Pattern EN_DURATION = Pattern.compile(
      "\\b(?:in|within|in the next|within the next)\\s+(?:the\\s+next\\s+)?" + EN_NUM
          + "\\s+(minutes?|mins?|hours?|hrs?)\\b");
  private static final Pattern EN_BUSINESS_DAYS = Pattern.compile(
      "\\b(?:in|within)\\s+(?:the\\s+next\\s+)?" + EN_NUM + "\\s+(?:business|working)\\s+days?\\b");
  private static final Pattern EN_DAYS_SPAN = Pattern.compile(
      "\\b(?:in|within)\\s+(?:the\\s+next\\s+)?" + EN_NUM + "\\s+days?\\b");
  private static final Pattern EN_RIGHT_AWAY = Pattern.compile("\\b(right away|immediately|right now|straight away)\\b");
  private static final Pattern EN_LATER_TODAY = Pattern.compile("\\b(later today|later this afternoon|later on today|"
      + "before the end of the day today)\\b");
  private static final Pattern EN_CLOSE = Pattern.compile(
      "\\b(end of (?:the )?(?:business )?day|close of business|cob|eod|end of business|before (?:we|you) close|"
      + "before closing)\\b");
  private static final Pattern EN_FIRST_THING = Pattern.compile("\\bfirst thing\\b");
  private static final Pattern EN_CLOCK = Pattern.compile(
      "\\b(\\d{1,2})(?::(\\d{2}))?\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z])|\\b(\\d{1,2}):(\\d{2})\\b|\\b(noon|midday)\\b|"
      + "\\b(?:at|before|by|until|around)\\s+(\\d{1,2})(?:\\s+o'?clock)?(?![\\d:]|\\s*(?:a\\.?m|p\\.?m|st\\b|nd\\b|rd\\b|th\\b|business|working|days?|hours?|"
      + "minutes?|mins?|hrs?|weeks?)\\b)");
  private static final Pattern EN_NEXT_HOUR = Pattern.compile(
      "\\b(?:in|within)\\s+(?:the\\s+next|the)\\s+(half\\s+hour|hour)\\b");
  private static final String EN_HOUR = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
  /** "half past four", "quarter past two", "quarter to five". */
  private static final Pattern EN_CLOCK_PHRASE = Pattern.compile("\\b(half|quarter)\\s+(past|to)\\s+" + EN_HOUR + "\\b");
  private static final String EN_MONTH = "(january|february|march|april|may|june|july|august|september|october|"
      + "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
  /** "December 3rd", "November 26". */
  private static final Pattern EN_DATE_MONTH_DAY = Pattern.compile(
      "\\b" + EN_MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
  /** "the 3rd of December". */
  private static final Pattern EN_DATE_DAY_MONTH = Pattern.compile(
      "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+of\\s+" + EN_MONTH + "\\b");
  /** "on the 14th", "by the 2nd", "Monday the 30th": a day of this month, or the next if it has passed. */
  private static final Pattern EN_DATE_DAY = Pattern.compile(
      "\\b(?:the|on|by|before|until)\\s+(\\d{1,2})(?:st|nd|rd|th)\\b");
  /** Clauses of a sentence: an immediacy word in a clause that promises no contact is about something else. */
  private static final Pattern CLAUSES = Pattern.compile("[，,、；;]|\\s+(?:and|but|then)\\s+");
  private static final Pattern EN_CONTACT = Pattern.compile("\\b(call|ring|phone|get back|email|e-mail|send|contact|"
      + "reach|hear|reply|answer|update|text|let you know|confirm|be in touch)\\b");
  private static final Pattern ZH_CONTACT = Pattern.compile("回电|电话|回复|答复|联系|通知|打给|打过去|发给|发到|发您|寄给|告诉");
  /** A time that waits on an event ("once the refund clears", 等退款到账了): "right away" then starts at the event. */
  private static final Pattern EN_WHEN = Pattern.compile(
      "\\b(?:as soon as|once|when|after)\\s+(?:i|we|they|it|the|you|he|she|my|our|someone|your)\\b");
  private static final Pattern ZH_WHEN = Pattern.compile("等.{0,12}(?:了|后|之后|以后|再)|有(?:消息|结果|进展|答复|回复|通知)|一有");
  private static final Pattern EN_WEEKDAY = Pattern.compile(
      "\\b(next|this|coming|on|by|before|until)?\\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");

  private static final Pattern ZH_HALF_HOUR = Pattern.compile("(?<![个0-9零一二两三四五六七八九十])半(?:个)?(?:小时|钟头)(?:后|之后|以后|内|之内|以内)");
  private static final Pattern ZH_DURATION = Pattern.compile(
      ZH_NUM + "\\s*(分钟|个?半?小时|个?钟头)(?:后|之后|以后|内|之内|以内)");
  private static final Pattern ZH_BUSINESS_DAYS = Pattern.compile(ZH_NUM + "\\s*个?工作日");
  private static final Pattern ZH_DAYS_SPAN = Pattern.compile(ZH_NUM + "\\s*天(?:内|之内|以内|后|之后|以后)");
  private static final Pattern ZH_RIGHT_AWAY = Pattern.compile("马上|立刻|立即|现在就");
  private static final Pattern ZH_CLOSE = Pattern.compile("下班前|下班之前|下班以前|今天之内|今天内|今日内|当天|收工前");
  private static final Pattern ZH_CLOCK = Pattern.compile(
      "(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|今晚)?\\s*" + ZH_NUM + "\\s*[点點时:：]\\s*(半|一刻|三刻|"
          + ZH_NUM + "\\s*分?)?");
  /** 11月30号, 12月2日, 下个月5号, 30号 (not 三日内, a span). */
  private static final Pattern ZH_DATE = Pattern.compile("(下个月|" + ZH_NUM + "\\s*月)?(?<![0-9零一二两三四五六七八九十])"
      + ZH_NUM + "\\s*[号號日](?!内|之内|以内|后|之后|以后)");
  private static final Pattern ZH_WEEKDAY = Pattern.compile(
      "(下|这|本|下个)?(?:周|星期|礼拜)([一二三四五六日天1-7])");

  private final BusinessCalendar calendar;
  private final Duration defaultDue;

  public PromiseDeadlineParser(BusinessCalendar calendar, Duration defaultDue) {
    this.calendar = calendar;
    this.defaultDue = defaultDue;
  }

  /** The same grammar with the center's hours kept but clock times read in {@code zone}. */
  public PromiseDeadlineParser inZone(java.time.ZoneId zone) {
    return zone.equals(calendar.zone()) ? this : new PromiseDeadlineParser(calendar.withZone(zone), defaultDue);
  }

  public Deadline parse(String text, String lang, ZonedDateTime at) {
    ZonedDateTime now = at.withZoneSameInstant(calendar.zone()).truncatedTo(ChronoUnit.SECONDS);
    String t = withoutOtherClausesImmediacy(text == null ? "" : text.toLowerCase(Locale.ROOT));
    Deadline d = LanguageGuess.isChinese(lang, t) ? parseZh(t, now) : parseEn(t, now);
    return d != null ? d : new Deadline(defaultDue(now), false, "");
  }

  /**
   * "I'll escalate it right away and call you back by 4pm tomorrow", 我马上帮您催办，明天下午三点前给您回电: the
   * immediacy belongs to the other clause's action, not to the promised contact. With several clauses, an immediacy
   * word in a clause that names no contact is dropped.
   */
  private static String withoutOtherClausesImmediacy(String t) {
    String[] clauses = CLAUSES.split(t);
    if (clauses.length < 2) {
      return t;
    }
    String out = t;
    for (String clause : clauses) {
      if (!EN_CONTACT.matcher(clause).find() && !ZH_CONTACT.matcher(clause).find()) {
        String calm = ZH_RIGHT_AWAY.matcher(EN_RIGHT_AWAY.matcher(clause).replaceAll(" ")).replaceAll("");
        out = out.replace(clause, calm);
      }
    }
    return out;
  }

  /** The default when nothing was stated: {@code defaultDueHours} ahead, moved to a close of business if closed. */
  public ZonedDateTime defaultDue(ZonedDateTime at) {
    ZonedDateTime due = at.withZoneSameInstant(calendar.zone()).plus(defaultDue);
    boolean atClose = calendar.isBusinessDay(due.toLocalDate()) && due.toLocalTime().equals(calendar.closeAt());
    return calendar.isOpen(due) || atClose ? due : calendar.nextClose(due);
  }

  // ---- English ----

  private Deadline parseEn(String t, ZonedDateTime now) {
    Matcher m;
    if ((m = EN_HALF_HOUR.matcher(t)).find()) {
      return stated(now.plusMinutes(30), m);
    }
    if ((m = EN_NEXT_HOUR.matcher(t)).find()) {
      return stated(now.plusMinutes(m.group(1).startsWith("half") ? 30 : 60), m);
    }
    if ((m = EN_DURATION.matcher(t)).find()) {
      int n = enNumber(m.group(1));
      return stated(m.group(2).startsWith("h") ? now.plusHours(n) : now.plusMinutes(n), m);
    }
    if ((m = EN_BUSINESS_DAYS.matcher(t)).find()) {
      return stated(calendar.closeOf(calendar.nthBusinessDayAfter(now.toLocalDate(), enNumber(m.group(1)))), m);
    }
    if ((m = EN_DAYS_SPAN.matcher(t)).find()) {
      return stated(calendar.closeOf(now.toLocalDate().plusDays(enNumber(m.group(1)))), m);
    }
    if ((m = EN_RIGHT_AWAY.matcher(t)).find() && !EN_WHEN.matcher(t).find()) {
      return stated(now.plus(RIGHT_AWAY), m);
    }
    if ((m = EN_LATER_TODAY.matcher(t)).find()) {
      return stated(laterToday(now), m);
    }
    LocalDate day = null;
    boolean dayGiven = true;
    String matched = "";
    Matcher w = EN_WEEKDAY.matcher(t);
    Matcher md = EN_DATE_MONTH_DAY.matcher(t);
    Matcher dm = EN_DATE_DAY_MONTH.matcher(t);
    Matcher dd = EN_DATE_DAY.matcher(t);
    LocalDate date = md.find() ? dateOf(now, enMonth(md.group(1)), Integer.parseInt(md.group(2)))
        : dm.find() ? dateOf(now, enMonth(dm.group(2)), Integer.parseInt(dm.group(1)))
        : dd.find() ? dateOf(now, 0, Integer.parseInt(dd.group(1))) : null;
    if (date != null) {
      day = date;
      matched = date.toString();
    } else if (t.contains("day after tomorrow")) {
      day = now.toLocalDate().plusDays(2);
      matched = "day after tomorrow";
    } else if (t.contains("tomorrow")) {
      day = now.toLocalDate().plusDays(1);
      matched = "tomorrow";
    } else if (t.contains("tonight") || t.contains("today") || t.contains("this morning")
        || t.contains("this afternoon") || t.contains("this evening")) {
      day = now.toLocalDate();
      matched = "today";
    } else if (w.find()) {
      day = weekday(now, EN_DAYS.get(w.group(2)), "next".equals(w.group(1)), "this".equals(w.group(1)));
      matched = w.group().trim();
    } else {
      day = now.toLocalDate();
      dayGiven = false;
    }
    LocalTime time = null;
    boolean close = false;
    Matcher c = EN_CLOCK.matcher(t);
    boolean pm = t.contains("afternoon") || t.contains("evening") || t.contains("tonight");
    Matcher phrase = EN_CLOCK_PHRASE.matcher(t);
    if (phrase.find()) {
      time = enClockPhrase(phrase, pm);
      matched = (matched + " " + phrase.group()).trim();
    } else if (c.find()) {
      time = enClock(c, pm);
      matched = (matched + " " + c.group()).trim();
    } else if ((m = EN_CLOSE.matcher(t)).find()) {
      close = true;
      matched = (matched + " " + m.group()).trim();
    } else if (EN_FIRST_THING.matcher(t).find()) {
      time = calendar.openAt().plusHours(1);
      matched = (matched + " first thing").trim();
    } else if (t.contains("morning")) {
      time = MORNING_END;
      matched = (matched + " morning").trim();
    } else if (t.contains("afternoon")) {
      time = AFTERNOON_END;
      matched = (matched + " afternoon").trim();
    } else if (t.contains("evening") || t.contains("tonight")) {
      time = EVENING_END;
      matched = (matched + " evening").trim();
    }
    return resolve(now, day, dayGiven, time, close, matched);
  }

  /** "half past four" 16:30, "quarter past two" 14:15, "quarter to five" 16:45 (bare hours as {@link #bareHour}). */
  private static LocalTime enClockPhrase(Matcher m, boolean pmHint) {
    int h = bareHour(enNumber(m.group(3)), pmHint);
    LocalTime at = LocalTime.of(h % 24, 0);
    if (m.group(2).equals("to")) {
      return at.minusMinutes(15);
    }
    return at.plusMinutes(m.group(1).equals("half") ? 30 : 15);
  }

  private static int enMonth(String name) {
    String[] months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < months.length; i++) {
      if (name.startsWith(months[i])) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(name);
  }

  /**
   * The date a day of the month names: in {@code month} (1-12) this year, or next year once it has passed; with no
   * month (0), this month's day, or the next month's once it has passed. Null if no such date exists (a 31st of
   * a short month, a 30th of February).
   */
  private static LocalDate dateOf(ZonedDateTime now, int month, int dayOfMonth) {
    LocalDate today = now.toLocalDate();
    if (dayOfMonth < 1 || dayOfMonth > 31) {
      return null;
    }
    for (int ahead = 0; ahead <= 12; ahead++) {
      LocalDate first = month > 0 ? LocalDate.of(today.getYear() + ahead, month, 1)
          : today.withDayOfMonth(1).plusMonths(ahead);
      if (dayOfMonth <= first.lengthOfMonth()) {
        LocalDate d = first.withDayOfMonth(dayOfMonth);
        if (!d.isBefore(today)) {
          return d;
        }
      }
      if (month > 0 && ahead >= 1) {
        return null;
      }
    }
    return null;
  }

  private static int enNumber(String s) {
    Integer w = EN_WORDS.get(s);
    return w != null ? w : Integer.parseInt(s);
  }

  private static LocalTime enClock(Matcher c, boolean pmHint) {
    if (c.group(1) != null) {
      int h = Integer.parseInt(c.group(1)) % 12;
      int min = c.group(2) == null ? 0 : Integer.parseInt(c.group(2));
      if (c.group(3).startsWith("p")) {
        h += 12;
      }
      return LocalTime.of(h, min);
    }
    if (c.group(4) != null) {
      int h = Integer.parseInt(c.group(4));
      return LocalTime.of(pmHint && h < 12 ? h + 12 : h, Integer.parseInt(c.group(5)));
    }
    if (c.group(6) != null) {
      return LocalTime.NOON;
    }
    return LocalTime.of(bareHour(Integer.parseInt(c.group(7)), pmHint), 0);
  }

  /** A bare hour without am/pm: 1–7 are afternoon hours in a call center ("before 3" is 15:00). */
  private static int bareHour(int h, boolean pmHint) {
    if (h >= 12) {
      return h % 24;
    }
    return pmHint || h <= 7 ? h + 12 : h;
  }

  // ---- Chinese ----

  private Deadline parseZh(String text, ZonedDateTime now) {
    // 第一时间 ("at the first moment") holds 一时, which reads as a clock (one o'clock); 上班后第一时间 names a day.
    String t = text.contains("上班后第一时间") ? text : text.replace("第一时间", "尽快");
    Matcher m;
    if ((m = ZH_HALF_HOUR.matcher(t)).find()) {
      return stated(now.plusMinutes(30), m);
    }
    if ((m = ZH_DURATION.matcher(t)).find()) {
      int n = zhNumber(m.group(1));
      if (m.group(2).equals("分钟")) {
        return stated(now.plusMinutes(n), m);
      }
      ZonedDateTime due = now.plusHours(n);
      return stated(m.group(2).contains("半") ? due.plusMinutes(30) : due, m);
    }
    if ((m = ZH_BUSINESS_DAYS.matcher(t)).find()) {
      return stated(calendar.closeOf(calendar.nthBusinessDayAfter(now.toLocalDate(), zhNumber(m.group(1)))), m);
    }
    if ((m = ZH_DAYS_SPAN.matcher(t)).find()) {
      return stated(calendar.closeOf(now.toLocalDate().plusDays(zhNumber(m.group(1)))), m);
    }
    if ((m = ZH_RIGHT_AWAY.matcher(t)).find() && !ZH_WHEN.matcher(t).find()) {
      return stated(now.plus(RIGHT_AWAY), m);
    }
    LocalDate day;
    boolean dayGiven = true;
    String matched;
    Matcher w = ZH_WEEKDAY.matcher(t);
    Matcher date = ZH_DATE.matcher(t);
    LocalDate dated = null;
    if (date.find()) {
      String month = date.group(1);
      int dayOfMonth = zhNumber(date.group(3));
      dated = month == null ? dateOf(now, 0, dayOfMonth)
          : dateOf(now, month.equals("下个月") ? now.toLocalDate().plusMonths(1).getMonthValue()
              : zhNumber(date.group(2)), dayOfMonth);
    }
    if (dated != null) {
      day = dated;
      matched = date.group();
    } else if (t.contains("大后天")) {
      day = now.toLocalDate().plusDays(3);
      matched = "大后天";
    } else if (t.contains("后天")) {
      day = now.toLocalDate().plusDays(2);
      matched = "后天";
    } else if (t.contains("明天") || t.contains("明日") || t.contains("明早") || t.contains("明晚")) {
      day = now.toLocalDate().plusDays(1);
      matched = "明天";
    } else if (t.contains("今天") || t.contains("今日") || t.contains("今晚") || t.contains("今早")) {
      day = now.toLocalDate();
      matched = "今天";
    } else if (w.find()) {
      String prefix = w.group(1);
      day = weekday(now, zhWeekday(w.group(2)), prefix != null && prefix.startsWith("下"),
          "这".equals(prefix) || "本".equals(prefix));
      matched = w.group();
    } else {
      day = now.toLocalDate();
      dayGiven = false;
      matched = "";
    }
    LocalTime time = null;
    boolean close = false;
    Matcher c = ZH_CLOCK.matcher(t);
    if (c.find() && !isWeekdayDigit(t, c)) {
      time = zhClock(c, periodBefore(t, c.start()));
      matched = (matched + c.group()).trim();
    } else if ((m = ZH_CLOSE.matcher(t)).find()) {
      close = true;
      matched = matched + m.group();
    } else if (t.contains("一早") || t.contains("一上班") || t.contains("上班后第一时间") || t.contains("明早")) {
      time = calendar.openAt().plusHours(1);
      matched = matched + "一早";
    } else if (t.contains("上午") || t.contains("早上") || t.contains("中午前") || t.contains("午前")) {
      time = MORNING_END;
      matched = matched + "上午";
    } else if (t.contains("中午")) {
      time = LocalTime.NOON;
      matched = matched + "中午";
    } else if (t.contains("下午")) {
      time = AFTERNOON_END;
      matched = matched + "下午";
    } else if (t.contains("晚上") || t.contains("今晚") || t.contains("明晚") || t.contains("傍晚")) {
      time = EVENING_END;
      matched = matched + "晚上";
    }
    // Vague words (稍后, 待会, 回头, 第一时间, 尽快) name no day and no time: they fall through to "not stated", so the
    // agent is asked to agree one.
    return resolve(now, day, dayGiven, time, close, matched);
  }

  /** "周3点" never happens, but 周三 followed by 点 of a clock would: guard that the clock is not the weekday. */
  private static boolean isWeekdayDigit(String t, Matcher c) {
    int start = c.start(2);
    return start > 0 && "周期拜".indexOf(t.charAt(start - 1)) >= 0 && c.group(1) == null;
  }

  private static String periodBefore(String t, int end) {
    String head = t.substring(0, end);
    for (String p : new String[] {"下午", "傍晚", "晚上", "今晚", "明晚"}) {
      if (head.endsWith(p) || head.contains(p)) {
        return "pm";
      }
    }
    for (String p : new String[] {"上午", "早上", "早晨", "凌晨", "明早", "今早"}) {
      if (head.contains(p)) {
        return "am";
      }
    }
    return head.contains("中午") ? "noon" : "";
  }

  private static LocalTime zhClock(Matcher c, String periodHint) {
    String period = c.group(1) != null ? c.group(1) : "";
    int h = zhNumber(c.group(2));
    boolean pm = period.equals("下午") || period.equals("傍晚") || period.equals("晚上") || period.equals("今晚")
        || (period.isEmpty() && periodHint.equals("pm"));
    boolean am = period.equals("上午") || period.equals("早上") || period.equals("早晨") || period.equals("凌晨")
        || (period.isEmpty() && periodHint.equals("am"));
    if (period.equals("中午") || (period.isEmpty() && periodHint.equals("noon"))) {
      h = h <= 2 ? h + 12 : h;
    } else if (pm) {
      h = h < 12 ? h + 12 : h;
    } else if (!am) {
      h = bareHour(h, false);
    }
    int min = 0;
    String part = c.group(3);
    if (part != null) {
      if (part.equals("半")) {
        min = 30;
      } else if (part.equals("一刻")) {
        min = 15;
      } else if (part.equals("三刻")) {
        min = 45;
      } else if (c.group(4) != null) {
        min = zhNumber(c.group(4));
      }
    }
    return LocalTime.of(h % 24, Math.min(min, 59));
  }

  private static DayOfWeek zhWeekday(String s) {
    return switch (s) {
      case "一", "1" -> DayOfWeek.MONDAY;
      case "二", "2" -> DayOfWeek.TUESDAY;
      case "三", "3" -> DayOfWeek.WEDNESDAY;
      case "四", "4" -> DayOfWeek.THURSDAY;
      case "五", "5" -> DayOfWeek.FRIDAY;
      case "六", "6" -> DayOfWeek.SATURDAY;
      default -> DayOfWeek.SUNDAY;
    };
  }

  /** 一..九十九 and digits; 两 = 2. */
  static int zhNumber(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    String digits = "零一二三四五六七八九";
    int value = 0;
    int current = 0;
    for (char ch : s.toCharArray()) {
      if (ch == '十') {
        value += (current == 0 ? 1 : current) * 10;
        current = 0;
      } else if (ch == '两') {
        current = 2;
      } else if (ch == '〇') {
        current = 0;
      } else {
        current = digits.indexOf(ch);
      }
    }
    return value + Math.max(current, 0);
  }

  // ---- shared ----

  /**
   * Monday-based weeks. "next Monday"/下周一 is that day in the following week; "this Friday"/本周五 is that
   * day in the current week; a plain weekday ("by Friday", 周五之前) is the nearest one whose close is still
   * ahead (today counts until close).
   */
  private LocalDate weekday(ZonedDateTime now, DayOfWeek target, boolean next, boolean thisWeek) {
    LocalDate monday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    if (next) {
      return monday.plusWeeks(1).plusDays(target.getValue() - 1L);
    }
    if (thisWeek) {
      return monday.plusDays(target.getValue() - 1L);
    }
    LocalDate d = now.toLocalDate().with(TemporalAdjusters.nextOrSame(target));
    if (d.equals(now.toLocalDate()) && !now.toLocalTime().isBefore(calendar.closeAt())) {
      d = d.plusWeeks(1);
    }
    return d;
  }

  private Deadline resolve(ZonedDateTime now, LocalDate day, boolean dayGiven, LocalTime time, boolean close,
                           String matched) {
    if (close) {
      if (!dayGiven || day.equals(now.toLocalDate())) {
        return new Deadline(calendar.nextClose(now), true, matched);
      }
      return new Deadline(calendar.closeOf(day), true, matched);
    }
    if (time == null) {
      if (!dayGiven) {
        return null;
      }
      if (day.equals(now.toLocalDate())) {
        return new Deadline(calendar.nextClose(now), true, matched);
      }
      return new Deadline(calendar.closeOf(day), true, matched);
    }
    ZonedDateTime due = ZonedDateTime.of(day, time, calendar.zone());
    if (!due.isAfter(now) && (!dayGiven || day.equals(now.toLocalDate()))) {
      due = due.plusDays(1);   // "before 3pm" said at 4pm means tomorrow
    }
    return new Deadline(due, true, matched);
  }

  /** Later today: today's close while open; after close (or on a day off), an hour from now. */
  private ZonedDateTime laterToday(ZonedDateTime now) {
    ZonedDateTime close = calendar.closeOf(now.toLocalDate());
    return calendar.isBusinessDay(now.toLocalDate()) && now.isBefore(close) ? close : now.plusHours(1);
  }

  private static Deadline stated(ZonedDateTime due, Matcher m) {
    return new Deadline(due, true, m.group());
  }
}
