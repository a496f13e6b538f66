package dev.attune.assist.coaching;

import dev.attune.assist.commitments.CommitmentService;
import dev.attune.assist.commitments.DetectedPromise;
import dev.attune.assist.commitments.PromiseDetector;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.GuidanceItem.Kind;
import dev.attune.core.bus.GuidanceItem.Severity;
import dev.attune.core.bus.HeardSegment;
import dev.attune.core.calls.Party;
import dev.attune.core.commitments.Commitment;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a follow-up the agent promises on a call into a PROPOSED commitment (the agent confirms or edits it on screen)
 * and a card saying so. A promise with no time gets a warning card: seed 004, manage expectations, say when.
 * Finding promises is plain CPU work; only recording one goes to a worker.
 */
public final class PromiseTaking {
  /** Deadlines as the agent reads them, in the call's language and the center's zone. */
  private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DUE_ZH = DateTimeFormatter.ofPattern("M月d日（EEE）HH:mm", Locale.CHINA);

  private final PromiseDetector detector;
  private final CommitmentService commitments;
  private final ZoneId zone;
  private final Clock clock;

  public PromiseTaking(PromiseDetector detector, CommitmentService commitments, ZoneId zone, Clock clock) {
    this.detector = detector;
    this.commitments = commitments;
    this.zone = zone;
    this.clock = clock;
  }

  /** The promises in {@code heard} (final agent speech only); CPU only, so it can run on the event loop. */
  public List<DetectedPromise> detect(HeardSegment heard) {
    if (!heard.segment().isFinal() || heard.segment().party() != Party.AGENT) {
      return List.of();
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    return detector.detect(heard.segment().text(), Party.AGENT, heard.segment().lang(), now);
  }

  /** Records each promise as PROPOSED and returns its card. Blocking (writes the commitments map). */
  public List<GuidanceItem> take(HeardSegment heard, List<DetectedPromise> promises) {
    List<GuidanceItem> cards = new ArrayList<>();
    for (DetectedPromise promise : promises) {
      Commitment c = commitments.propose(promise, heard.segment().callId(), heard.caller(), heard.callerName(),
          heard.agent());
      cards.add(card(c, promise, heard));
    }
    return cards;
  }

  private GuidanceItem card(Commitment c, DetectedPromise promise, HeardSegment heard) {
    boolean zh = promise.lang() != null && promise.lang().startsWith("zh");
    String due = (zh ? DUE_ZH : DUE).format(c.dueAt().atZone(zone));
    if (c.dueStated()) {
      return new GuidanceItem(Kind.COMMITMENT, "follow-up-promise", zh ? "已记下承诺" : "Promise noted", Severity.INFO,
          zh ? "已记下承诺，截止 " + due + "。请在“承诺”中确认，以便跟踪。"
              : "Promise noted, due " + due + ". Confirm it under Promises so it is tracked.",
          zh ? "挂机前再确认一次：\"我会在" + due + "之前联系您。\""
              : "Repeat it back before you hang up: when, and how you will contact them.",
          promise.text(), clock.instant(), heard.segment().callId(), heard.agent(), null);
    }
    return new GuidanceItem(Kind.COMMITMENT, "follow-up-without-time", zh ? "跟进未约定时间" : "Follow-up without a time",
        Severity.WARNING,
        zh ? "您答应了跟进，但没有说时间。请现在和客户约定；约定之前按 " + due + " 计。"
            : "You promised a follow-up without a time. Agree one now; until you do it is due " + due + ".",
        zh ? "\"我明天下午三点前给您回电，您看可以吗？\"" : "\"I will call you back by 3 pm tomorrow. Does that work for you?\"",
        promise.text(), clock.instant(), heard.segment().callId(), heard.agent(), null);
  }
}
