package dev.attune.assist.floor;

import dev.attune.core.calls.CallRecord;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One agent's calls in a period, as a supervisor reads them: how many they took (answered, by the agent on the record
 * when it ended), their average handle time (talk plus hold), average hold and how many they transferred on.
 */
public record AgentFigures(int calls, Double averageHandleSeconds, Double averageHoldSeconds, int transfers) {

  /** Per agent, over calls answered in {@code [from, to]}. */
  public static Map<String, AgentFigures> of(Iterable<CallRecord> ended, Instant from, Instant to) {
    Map<String, long[]> sums = new TreeMap<>(); // agent → {calls, handle, hold, transfers}
    for (CallRecord r : ended) {
      if (r.agent() == null || r.answeredAt() == null || r.answeredAt().isBefore(from) || r.answeredAt().isAfter(to)) {
        continue;
      }
      long[] s = sums.computeIfAbsent(r.agent(), a -> new long[4]);
      s[0]++;
      s[1] += r.talkSeconds() + r.holdSeconds();
      s[2] += r.holdSeconds();
      s[3] += r.transfers();
    }
    Map<String, AgentFigures> out = new TreeMap<>();
    sums.forEach((agent, s) -> out.put(agent, new AgentFigures((int) s[0], (double) s[1] / s[0], (double) s[2] / s[0],
        (int) s[3])));
    return out;
  }
}
