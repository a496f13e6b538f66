package dev.attune.assist.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.Party;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpPromiseDetectorTest {

  private final FollowUpPromiseDetector detector = new FollowUpPromiseDetector(
      new PromiseDeadlineParser(PromiseDeadlineParserTest.SHANGHAI, Duration.ofHours(24)));
  private final ZonedDateTime at = ZonedDateTime.parse("2026-11-23T10:00:00+08:00");

  @Test
  void detectsAgentPromisesWithPrecisionAndRecallAtLeast95Percent() throws IOException {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int total = 0;
    List<String> misses = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/commitments/promises.psv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.strip().split("\\s*\\|\\s*");
        boolean expected = Boolean.parseBoolean(f[3]);
        boolean got = !detector.detect(f[0], Party.valueOf(f[1]), f[2], at).isEmpty();
        total++;
        if (expected && got) {
          tp++;
        } else if (got) {
          fp++;
          misses.add("false positive: " + f[0] + " (" + f[1] + ")");
        } else if (expected) {
          fn++;
          misses.add("missed promise: " + f[0]);
        }
      }
    }
    double precision = tp / (double) Math.max(1, tp + fp);
    double recall = tp / (double) Math.max(1, tp + fn);
    System.out.printf("promise fixtures: %d, precision %.3f, recall %.3f, misses %s%n", total, precision, recall,
        misses);
    assertThat(total).isGreaterThanOrEqualTo(40);
    assertThat(precision).as("precision; misses %s", misses).isGreaterThanOrEqualTo(0.95);
    assertThat(recall).as("recall; misses %s", misses).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aPromiseCarriesItsParsedDeadline() {
    List<DetectedPromise> found = detector.detect("好的。我明天下午三点前给您回电。", Party.AGENT, "zh", at);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).deadline().stated()).isTrue();
    assertThat(found.get(0).deadline().due().toOffsetDateTime().toString()).isEqualTo("2026-11-24T15:00+08:00");
  }

  @Test
  void aPromiseWithoutATimeGetsTheDefaultAndIsMarkedUnstated() {
    List<DetectedPromise> found = detector.detect("We'll get back to you.", Party.AGENT, "en", at);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).deadline().stated()).isFalse();
  }

  /** The clause that promises the call decides its deadline, not a "right away" about something else. */
  @Test
  void theClauseThatCarriesThePromiseDecidesItsDeadline() {
    ZonedDateTime tomorrowThree = ZonedDateTime.parse("2026-11-24T15:00:00+08:00");
    assertThat(due("我马上帮您催办，明天下午三点前给您回电", "zh")).isEqualTo(tomorrowThree.toOffsetDateTime());
    assertThat(due("I'll chase it right away, and I'll call you back tomorrow by 3 pm", "en"))
        .isEqualTo(tomorrowThree.toOffsetDateTime());
    // the promise's own clause names no time: the rest of the sentence may
    DetectedPromise early = detector.detect("明天下午三点前，我给您回电", Party.AGENT, "zh", at).get(0);
    assertThat(early.deadline().stated()).isTrue();
    assertThat(early.deadline().due().toOffsetDateTime()).isEqualTo(tomorrowThree.toOffsetDateTime());
  }

  private java.time.OffsetDateTime due(String text, String lang) {
    List<DetectedPromise> found = detector.detect(text, Party.AGENT, lang, at);
    assertThat(found).as(text).hasSize(1);
    assertThat(found.get(0).deadline().stated()).as(text).isTrue();
    return found.get(0).deadline().due().toOffsetDateTime();
  }
}

