package dev.attune.assist.floor;

import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.LiveCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One queue's figures over one period, with the definitions the Prometheus rules use (dashboards/rules): a call is
 * <em>offered</em> when it enters the queue, <em>answered within T</em> when an agent takes it after waiting at most
 * T seconds, and service level is answered within T ÷ offered (so an abandoned call counts against it); abandonment
 * is abandoned ÷ offered; speed of answer is the mean wait of answered calls. Each event counts in the period it
 * happened in (entering the queue, the answer, the hang-up), as a Prometheus counter does; a survey in the period it
 * was taken in.
 */
public record QueueFigures(String queue, int offered, int answered, int abandoned, int timedOut,
                           Map<Integer, Integer> answeredWithin, Map<Integer, Double> serviceLevel,
                           Double abandonment, Double averageSpeedOfAnswerSeconds, long longestWaitSeconds,
                           SurveyFigures survey) {

  private static final Set<CallState> WAITING = Set.of(CallState.OFFERED, CallState.QUEUED, CallState.RINGING);

  /** A queue's live state: how many wait now and the oldest of them, how many talk. */
  public record Now(String queue, int waiting, long oldestWaitSeconds, int talking) {}

  /** Per queue, over {@code [from, now]}, from finished calls and calls still in progress. */
  public static List<QueueFigures> of(Instant from, Instant now, List<CallRecord> ended, List<LiveCall> live,
                                      List<Integer> thresholds) {
    Map<String, Counts> byQueue = new TreeMap<>();
    for (CallRecord r : ended) {
      if (r.queue() == null || r.queuedAt() == null) {
        continue; // never entered a queue: not offered, and not a queue's answer
      }
      Counts c = byQueue.computeIfAbsent(r.queue(), q -> new Counts());
      if (in(r.queuedAt(), from, now)) {
        c.offered++;
      }
      if (r.answeredAt() != null && in(r.answeredAt(), from, now)) {
        // the precise wait, as the histogram's bucket sees it (20.4 s is not within 20 s, whatever the record rounds)
        c.answer(r.queuedAt() != null ? Duration.between(r.queuedAt(), r.answeredAt())
            : Duration.ofSeconds(r.waitSeconds()));
      } else if (r.answeredAt() == null && in(r.endedAt(), from, now)) {
        if (r.outcome() == CallOutcome.ABANDONED) {
          c.abandoned++;
          c.longest = Math.max(c.longest, r.waitSeconds());
        } else if (r.outcome() == CallOutcome.TIMED_OUT) {
          c.timedOut++;
        }
      }
    }
    for (LiveCall call : live) {
      if (call.queue() == null || call.queuedAt() == null) {
        continue;
      }
      Counts c = byQueue.computeIfAbsent(call.queue(), q -> new Counts());
      if (in(call.queuedAt(), from, now)) {
        c.offered++;
      }
      if (call.answeredAt() != null && in(call.answeredAt(), from, now)) {
        c.answer(Duration.between(call.queuedAt(), call.answeredAt()));
      }
    }
    Map<String, SurveyFigures> surveys = SurveyFigures.of(ended, from, now, CallRecord::queue);
    surveys.keySet().forEach(queue -> byQueue.computeIfAbsent(queue, q -> new Counts()));
    List<QueueFigures> out = new ArrayList<>();
    byQueue.forEach((queue, c) -> out.add(c.figures(queue, thresholds, surveys.getOrDefault(queue, SurveyFigures.NONE))));
    return out;
  }

  /** A queue with nothing in the period. */
  public static QueueFigures none(String queue, List<Integer> thresholds) {
    return new Counts().figures(queue, thresholds, SurveyFigures.NONE);
  }

  /** Per queue, what is happening now. */
  public static List<Now> now(Instant now, List<LiveCall> live) {
    Map<String, long[]> byQueue = new TreeMap<>(); // {waiting, oldest, talking}
    for (LiveCall call : live) {
      if (call.queue() == null) {
        continue;
      }
      long[] n = byQueue.computeIfAbsent(call.queue(), q -> new long[3]);
      if (WAITING.contains(call.state()) && call.answeredAt() == null) {
        n[0]++;
        Instant since = call.queuedAt() != null ? call.queuedAt() : call.offeredAt();
        n[1] = Math.max(n[1], since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds()));
      } else if (call.answeredAt() != null) {
        n[2]++;
      }
    }
    List<Now> out = new ArrayList<>();
    byQueue.forEach((queue, n) -> out.add(new Now(queue, (int) n[0], n[1], (int) n[2])));
    return out;
  }

  static boolean in(Instant at, Instant from, Instant now) {
    return at != null && !at.isBefore(from) && !at.isAfter(now);
  }

  private static final class Counts {
    int offered;
    int answered;
    int abandoned;
    int timedOut;
    long waitSum;
    long longest;
    final List<Long> waitMillis = new ArrayList<>();

    void answer(Duration wait) {
      long millis = Math.max(0, wait.toMillis());
      answered++;
      waitSum += millis / 1000;
      longest = Math.max(longest, millis / 1000);
      waitMillis.add(millis);
    }

    QueueFigures figures(String queue, List<Integer> thresholds, SurveyFigures survey) {
      Map<Integer, Integer> within = new LinkedHashMap<>();
      Map<Integer, Double> level = new LinkedHashMap<>();
      for (int t : thresholds) {
        int n = (int) waitMillis.stream().filter(w -> w <= t * 1000L).count();
        within.put(t, n);
        level.put(t, offered == 0 ? null : n / (double) offered);
      }
      return new QueueFigures(queue, offered, answered, abandoned, timedOut, within, level,
          offered == 0 ? null : abandoned / (double) offered, answered == 0 ? null : waitSum / (double) answered,
          longest, survey);
    }
  }
}
