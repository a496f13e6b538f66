package dev.attune.assist.floor;

import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.guidance.ShownCard;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One agent's day as a supervisor reads it: the calls they took (answered, by the agent on the record when it
 * ended), their average handle time (talk plus hold), average hold, how many they transferred on, the coaching cards
 * they were shown (tone, pace, wording: checklist ticks and promise cards are not coaching) and the promises of
 * theirs kept (a call with the customer answered; one resolved by hand says nothing of whether it was kept).
 */
public record AgentFigures(int calls, Double averageHandleSeconds, Double averageHoldSeconds, int transfers,
                           int cardsShown, int promisesKept) {

  private static final Set<GuidanceItem.Kind> COACHING = Set.of(GuidanceItem.Kind.TONE, GuidanceItem.Kind.PACE,
      GuidanceItem.Kind.WORDING);

  /** A day with nothing in it. */
  public static final AgentFigures NONE = new AgentFigures(0, null, null, 0, 0, 0);

  /** Per agent, over {@code [from, to]}: calls answered, cards shown and promises kept in it. */
  public static Map<String, AgentFigures> of(Iterable<CallRecord> ended, Iterable<ShownCard> cards,
                                             Iterable<Commitment> commitments, Instant from, Instant to) {
    Map<String, long[]> sums = new TreeMap<>(); // agent → {calls, handle, hold, transfers, cards, kept}
    for (CallRecord r : ended) {
      if (r.agent() != null && within(r.answeredAt(), from, to)) {
        long[] s = sums.computeIfAbsent(r.agent(), a -> new long[6]);
        s[0]++;
        s[1] += r.talkSeconds() + r.holdSeconds();
        s[2] += r.holdSeconds();
        s[3] += r.transfers();
      }
    }
    for (ShownCard card : cards) {
      if (card.agent() != null && COACHING.contains(card.kind()) && within(card.at(), from, to)) {
        sums.computeIfAbsent(card.agent(), a -> new long[6])[4]++;
      }
    }
    for (Commitment c : commitments) {
      if (c.agent() != null && c.status() == CommitmentStatus.KEPT && within(c.keptAt(), from, to)) {
        sums.computeIfAbsent(c.agent(), a -> new long[6])[5]++;
      }
    }
    Map<String, AgentFigures> out = new TreeMap<>();
    sums.forEach((agent, s) -> out.put(agent, new AgentFigures((int) s[0], s[0] == 0 ? null : (double) s[1] / s[0],
        s[0] == 0 ? null : (double) s[2] / s[0], (int) s[3], (int) s[4], (int) s[5])));
    return out;
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return at != null && !at.isBefore(from) && !at.isAfter(to);
  }
}
