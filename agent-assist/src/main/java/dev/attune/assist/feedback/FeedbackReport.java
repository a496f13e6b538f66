package dev.attune.assist.feedback;

import dev.attune.core.guidance.ShownCard;
import dev.attune.core.guidance.ShownCard.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per category: how many cards were shown, how many agents found helpful, wrong or put away, and the utterances of
 * the wrong ones (newest first), which is what a center edits its packs from. Categories with the most wrong
 * cards come first.
 */
public record FeedbackReport(Instant since, List<Category> categories) {
  /** Wrong utterances listed per category; the counts cover them all. */
  static final int EXAMPLES = 20;

  public record Category(String category, String kind, String title, int shown, int helpful, int wrong,
                         int dismissed, List<Example> wrongExamples) {}

  /** A card an agent marked wrong: what was said, the part that matched, on which call and when. */
  public record Example(String utterance, String evidence, String lang, String callId, String agent, Instant at) {}

  public static FeedbackReport of(Instant since, List<ShownCard> cards) {
    Map<String, List<ShownCard>> byCategory = new LinkedHashMap<>();
    for (ShownCard card : cards) {
      byCategory.computeIfAbsent(String.valueOf(card.category()), k -> new ArrayList<>()).add(card);
    }
    List<Category> out = new ArrayList<>();
    byCategory.forEach((name, list) -> {
      List<ShownCard> wrong = list.stream().filter(c -> c.verdict() == Verdict.WRONG)
          .sorted(Comparator.comparing(ShownCard::at, Comparator.nullsLast(Comparator.naturalOrder())).reversed())
          .toList();
      ShownCard last = list.get(list.size() - 1);
      out.add(new Category(name, last.kind() == null ? null : last.kind().name(), last.title(), list.size(),
          count(list, Verdict.HELPFUL), wrong.size(), count(list, Verdict.DISMISSED),
          wrong.stream().limit(EXAMPLES).map(c -> new Example(c.utterance(), c.evidence(), c.lang(), c.callId(),
              c.agent(), c.at())).toList()));
    });
    out.sort(Comparator.comparingInt(Category::wrong).reversed().thenComparing(Category::category));
    return new FeedbackReport(since, out);
  }

  private static int count(List<ShownCard> cards, Verdict verdict) {
    return (int) cards.stream().filter(c -> c.verdict() == verdict).count();
  }
}
