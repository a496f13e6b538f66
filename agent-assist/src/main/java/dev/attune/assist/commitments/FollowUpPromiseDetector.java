package dev.attune.assist.commitments;

import dev.attune.assist.language.LanguageGuess;
import dev.attune.core.calls.Party;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based detector of follow-up promises in agent speech, English and Chinese. A sentence is a promise when
 * the agent (or "someone"/"we") commits to a future contact action towards the customer. Not promises:
 * customer speech, questions ("shall I call you back?"), negations ("I can't call you back"), past tense
 * ("I called you back yesterday") and conditionals ("if it fails again I'll call you"): a conditional
 * follow-up may never become due, so it is left to the agent to confirm by hand (see docs/commitments.md).
 */
public final class FollowUpPromiseDetector implements PromiseDetector {

  private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?。！？；;])\\s*");
  /** Clauses of a sentence: "我马上帮您催办，明天下午三点前给您回电" is two, and only the second promises a call. */
  private static final Pattern CLAUSES = Pattern.compile("[，,、：:]|\\s+(?:and|but|then)\\s+");

  private static final Pattern EN_PROMISE = Pattern.compile(
      "\\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|we'll|we will|we're going to|we are going to|"
      + "someone will|somebody will|someone'll|a colleague will|our team will|they'll|let me)\\b"
      // "I'll call", "we'll send you", and "I'll escalate it right away and call you back"
      + "(?:(?:\\s+\\w+){0,3}?|(?:\\s+\\w+){1,5}?\\s+and)\\s+(call|ring|phone|get back|email|e-mail|send|contact|"
      + "reach out|follow up|text|let you know|update you|confirm|be in touch)\\b"
      // promises not worded as a call: "you'll hear from me by 4", "expect an email from me by Friday"
      + "|\\b(?:you'll|you will|you should|you'd)\\s+hear\\s+(?:back\\s+)?from\\s+(?:me|us)\\b"
      + "|\\bexpect\\s+(?:a|an|my|our)\\s+(?:call|email|e-mail|text|message|update|answer)(?:\\s+back)?"
      + "(?:\\s+from\\s+(?:me|us))?\\b(?!\\s+from\\b)");
  private static final Pattern EN_NEGATION = Pattern.compile(
      "\\b(can't|cannot|can not|won't|will not|unable to|not able to|don't|do not|never|no one will|nobody will)\\b");
  private static final Pattern EN_PAST = Pattern.compile(
      "\\b(called|emailed|e-mailed|contacted|texted|rang|phoned|got back|already|yesterday|last week|sent you)\\b");
  private static final Pattern EN_CONDITION = Pattern.compile("\\b(if|unless|in case|should it)\\b");
  private static final Pattern EN_QUESTION_START = Pattern.compile(
      "^(shall|should|can|could|would|do|does|did|will|may|want me to|would you like)\\b");

  private static final Pattern ZH_PROMISE = Pattern.compile(
      "(回电|回个电话|回电话|回复您|回复你|给您回复|给你回复|给您答复|给你答复|答复您|联系您|联系你|通知您|通知你|打给您|打给你|"
      + "给您打电话|给你打电话|给您打过去|给您发|发给您|发到您|发您|寄给您|寄给你|告诉您|告诉你|跟您联系|跟你联系|"
      + "和您联系|与您联系|给您回个话|跟进)");
  private static final Pattern ZH_NEGATION = Pattern.compile("(不能|不会|无法|没法|没办法|不方便|不用|不必|别)");
  private static final Pattern ZH_PAST = Pattern.compile("(已经|昨天|上周|之前.*过|过了|刚才.*了)");
  private static final Pattern ZH_CONDITION = Pattern.compile("(如果|要是|假如|万一|的话)");
  private static final Pattern ZH_QUESTION = Pattern.compile("(吗|要不要|需不需要|可以吗|好吗|行吗)\\s*[？?]?$");

  private final PromiseDeadlineParser deadlines;

  public FollowUpPromiseDetector(PromiseDeadlineParser deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public PromiseDetector inZone(java.time.ZoneId zone) {
    return new FollowUpPromiseDetector(deadlines.inZone(zone));
  }

  @Override
  public List<DetectedPromise> detect(String text, Party party, String lang, ZonedDateTime at) {
    List<DetectedPromise> found = new ArrayList<>();
    if (party != Party.AGENT || text == null || text.isBlank()) {
      return found;
    }
    for (String sentence : SENTENCES.split(text.strip())) {
      String cue = cue(sentence.strip());
      if (cue != null) {
        String sentenceLang = LanguageGuess.of(lang, sentence);
        found.add(new DetectedPromise(sentence.strip(), sentenceLang, cue, deadline(sentence, cue, sentenceLang, at)));
      }
    }
    return found;
  }

  /**
   * The clause that carries the promise decides its deadline (a "right away" in another clause is about something
   * else); when that clause names no time, the rest of the sentence may ("tomorrow afternoon, I'll call you back").
   */
  private Deadline deadline(String sentence, String cue, String lang, ZonedDateTime at) {
    for (String clause : CLAUSES.split(sentence)) {
      if (clause.toLowerCase(Locale.ROOT).replace('’', '\'').contains(cue)) {
        Deadline own = deadlines.parse(clause, lang, at);
        return own.stated() ? own : deadlines.parse(sentence, lang, at);
      }
    }
    return deadlines.parse(sentence, lang, at);
  }

  /** The promise cue in one sentence, or null if the sentence is not a promise. */
  static String cue(String sentence) {
    String s = sentence.toLowerCase(Locale.ROOT).replace('’', '\'');
    if (s.isEmpty()) {
      return null;
    }
    if (LanguageGuess.hasHan(s)) {
      Matcher m = ZH_PROMISE.matcher(s);
      if (!m.find() || ZH_QUESTION.matcher(s).find() || s.endsWith("？") || s.endsWith("?")) {
        return null;
      }
      String before = s.substring(0, m.start());
      if (ZH_NEGATION.matcher(before).find() || ZH_PAST.matcher(s).find() || ZH_CONDITION.matcher(s).find()) {
        return null;
      }
      return m.group();
    }
    Matcher m = EN_PROMISE.matcher(s);
    if (!m.find() || s.endsWith("?") || EN_QUESTION_START.matcher(s).find()) {
      return null;
    }
    if (EN_NEGATION.matcher(s).find() || EN_PAST.matcher(s.substring(0, m.start())).find()
        || EN_PAST.matcher(s).find() && !s.contains("will") && !s.contains("'ll")
        || EN_CONDITION.matcher(s).find()) {
      return null;
    }
    return m.group();
  }
}
