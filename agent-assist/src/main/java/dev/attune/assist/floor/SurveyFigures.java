package dev.attune.assist.floor;

import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.SurveyResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Post-call survey figures over a period: ratings given, surveys with no answer (hung up, nothing pressed), the
 * average rating and the share of 5s among ratings (seed 003: a 5 is worth far more than a 4, so the share of 5s
 * is watched beside the average). A survey counts in the period it was taken in.
 */
public record SurveyFigures(int rated, int noAnswer, Double average, Double shareOfFives) {

  static final SurveyFigures NONE = new SurveyFigures(0, 0, null, null);

  /** Per {@code group} (queue, agent) of each call, over {@code [from, now]}; calls with no group are skipped. */
  static Map<String, SurveyFigures> of(List<CallRecord> ended, Instant from, Instant now,
                                       Function<CallRecord, String> group) {
    Map<String, int[]> tally = new TreeMap<>(); // {rated, noAnswer, sum, fives}
    for (CallRecord r : ended) {
      SurveyResult s = r.survey();
      String key = group.apply(r);
      if (s == null || key == null || !QueueFigures.in(s.at(), from, now)) {
        continue;
      }
      int[] t = tally.computeIfAbsent(key, k -> new int[4]);
      if (s.answered()) {
        t[0]++;
        t[2] += s.score();
        t[3] += s.score() == 5 ? 1 : 0;
      } else {
        t[1]++;
      }
    }
    Map<String, SurveyFigures> out = new TreeMap<>();
    tally.forEach((key, t) -> out.put(key, new SurveyFigures(t[0], t[1], t[0] == 0 ? null : t[2] / (double) t[0],
        t[0] == 0 ? null : t[3] / (double) t[0])));
    return out;
  }
}
