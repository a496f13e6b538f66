package dev.attune.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.sim.agi.AgiKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The survey answers of generated callers: a realistic spread, the same for the same seed. */
class SurveyAnswersTest {
  private static final int CALLERS = 5_000;

  @Test
  void mostRatingsAreFourOrFiveSomeAreLowerAndAboutAThirdOfCallersGiveNone() {
    SurveyAnswers answers = new SurveyAnswers(42);
    int none = 0;
    int high = 0;
    int low = 0;
    for (int i = 0; i < CALLERS; i++) {
      char score = rating(answers.next());
      if (score == 0) {
        none++;
      } else if (score >= '4') {
        high++;
      } else {
        low++;
      }
    }
    assertThat(none / (double) CALLERS).isBetween(0.25, 0.40);
    assertThat(high / (double) (high + low)).isBetween(0.70, 0.85);
    assertThat(low).isPositive();
  }

  @Test
  void theSameSeedGivesTheSameAnswers() {
    SurveyAnswers one = new SurveyAnswers(7);
    SurveyAnswers other = new SurveyAnswers(7);
    List<List<AgiKey>> first = new ArrayList<>();
    List<List<AgiKey>> second = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      first.add(one.next());
      second.add(other.next());
    }
    assertThat(first).isEqualTo(second);
  }

  /** The score the survey takes from these keys (the first 1-5 of at most two prompts), 0 for none. */
  private static char rating(List<AgiKey> keys) {
    for (AgiKey key : keys.subList(0, Math.min(2, keys.size()))) {
      if (key instanceof AgiKey.HangUp) {
        return 0;
      }
      if (key instanceof AgiKey.Digit d && d.digit() >= '1' && d.digit() <= '5') {
        return d.digit();
      }
    }
    return 0;
  }
}
