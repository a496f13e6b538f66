package dev.attune.sim.traffic;

import dev.attune.sim.agi.AgiKey;
import java.util.List;
import java.util.Random;

/**
 * How callers answer the post-call survey: most who rate give 4 or 5, some 1 to 3, and about a third give no rating
 * (they wait out both prompts, or hang up during the first). A few need the second prompt (silence or a wrong key
 * first). Draws from its own generator, so the rest of the traffic of a seed is the same with the survey on or off.
 */
final class SurveyAnswers {
  private final Random random;

  SurveyAnswers(long seed) {
    this.random = new Random(seed * 131 + 17);
  }

  /** The keys of one caller, one per prompt the survey may play. */
  List<AgiKey> next() {
    double r = random.nextDouble();
    if (r < 0.20) {
      return List.of(AgiKey.SILENCE, AgiKey.SILENCE);
    }
    if (r < 0.32) {
      return List.of(AgiKey.HANG_UP);
    }
    AgiKey score = AgiKey.digit(score());
    double retry = random.nextDouble();
    if (retry < 0.10) {
      return List.of(AgiKey.SILENCE, score);
    }
    if (retry < 0.14) {
      return List.of(AgiKey.digit('9'), score); // a key outside 1-5 gets the retry prompt
    }
    return List.of(score);
  }

  private char score() {
    double r = random.nextDouble();
    return r < 0.45 ? '5' : r < 0.77 ? '4' : r < 0.88 ? '3' : r < 0.94 ? '2' : '1';
  }
}
