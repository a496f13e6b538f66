package dev.attune.assist.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.guidance.ShownCard.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackReportTest {
  private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

  private static ShownCard card(int i, String category, Verdict verdict) {
    GuidanceItem item = new GuidanceItem(GuidanceItem.Kind.WORDING, category, "Title " + category,
        GuidanceItem.Severity.WARNING, "why", "better", "phrase " + i, T0.plusSeconds(i), "pbx:" + i, "PJSIP/a", "c" + i);
    ShownCard shown = ShownCard.of(item, "said " + i, "en");
    return verdict == null ? shown : shown.judged(verdict, "ann", T0.plusSeconds(i + 1));
  }

  @Test
  void countsEachVerdictPerCategoryAndListsTheWrongOnesNewestFirstMostWrongCategoryFirst() {
    List<ShownCard> cards = List.of(card(1, "jargon", Verdict.HELPFUL), card(2, "blame", Verdict.WRONG),
        card(3, "blame", null), card(4, "blame", Verdict.WRONG), card(5, "blame", Verdict.DISMISSED),
        card(6, "jargon", null), card(7, "blame", Verdict.HELPFUL));
    FeedbackReport report = FeedbackReport.of(T0, cards);

    assertThat(report.categories()).extracting(FeedbackReport.Category::category).containsExactly("blame", "jargon");
    FeedbackReport.Category blame = report.categories().get(0);
    assertThat(List.of(blame.shown(), blame.helpful(), blame.wrong(), blame.dismissed())).containsExactly(5, 1, 2, 1);
    assertThat(blame.title()).isEqualTo("Title blame");
    assertThat(blame.kind()).isEqualTo("WORDING");
    assertThat(blame.wrongExamples()).extracting(FeedbackReport.Example::utterance).containsExactly("said 4", "said 2");
    assertThat(blame.wrongExamples().get(0).evidence()).isEqualTo("phrase 4");
    FeedbackReport.Category jargon = report.categories().get(1);
    assertThat(List.of(jargon.shown(), jargon.helpful(), jargon.wrong(), jargon.dismissed())).containsExactly(2, 1, 0, 0);
    assertThat(jargon.wrongExamples()).isEmpty();
  }

  @Test
  void examplesAreCappedButTheCountCoversEveryWrongCard() {
    List<ShownCard> cards = new ArrayList<>();
    for (int i = 0; i < FeedbackReport.EXAMPLES + 5; i++) {
      cards.add(card(i, "blame", Verdict.WRONG));
    }
    FeedbackReport.Category blame = FeedbackReport.of(T0, cards).categories().get(0);
    assertThat(blame.wrong()).isEqualTo(FeedbackReport.EXAMPLES + 5);
    assertThat(blame.wrongExamples()).hasSize(FeedbackReport.EXAMPLES);
    assertThat(blame.wrongExamples().get(0).utterance()).isEqualTo("said " + (FeedbackReport.EXAMPLES + 4));
  }
}
