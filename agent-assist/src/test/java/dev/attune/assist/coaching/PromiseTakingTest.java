package dev.attune.assist.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.commitments.CommitmentLifecycle;
import dev.attune.assist.commitments.CommitmentService;
import dev.attune.assist.commitments.FollowUpPromiseDetector;
import dev.attune.assist.commitments.PromiseDeadlineParser;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.HeardSegment;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calendar.BusinessCalendar;
import dev.attune.core.calls.Party;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import dev.attune.core.testing.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The card a promise on a call gives the agent: in the call's language, with the deadline written for it. */
class PromiseTakingTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Clock MONDAY_TEN = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), SHANGHAI);
  private static PromiseTaking taking;

  @BeforeAll
  static void start() {
    int port = FreePorts.one();
    HazelcastInstance hazelcast = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
        "taking-" + UUID.randomUUID(), "127.0.0.1", port, List.of("127.0.0.1:" + port)), c -> { }));
    BusinessCalendar calendar = new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
    CommitmentService service = new CommitmentService(hazelcast.getMap(MapNames.COMMITMENTS), MONDAY_TEN,
        new CommitmentLifecycle(Duration.ofMinutes(30)), (address, message) -> { }, new SimpleMeterRegistry());
    taking = new PromiseTaking(new FollowUpPromiseDetector(new PromiseDeadlineParser(calendar, Duration.ofHours(24))),
        service, SHANGHAI, MONDAY_TEN);
  }

  @AfterAll
  static void stop() {
    Hazelcast.shutdownAll();
  }

  private static GuidanceItem card(String text, String lang) {
    HeardSegment heard = new HeardSegment(new TranscriptSegment("pbx:1.1", Party.AGENT, text, 0, 0, true, lang),
        "PJSIP/agent101", "+8613812345678", "王女士", MONDAY_TEN.instant());
    List<GuidanceItem> cards = taking.take(heard, taking.detect(heard));
    assertThat(cards).as(text).hasSize(1);
    return cards.get(0);
  }

  @Test
  void aChinesePromiseGetsAChineseCardWithAChineseDeadline() {
    GuidanceItem card = card("我明天下午三点前给您回电", "zh");
    assertThat(card.title()).isEqualTo("已记下承诺");
    for (String text : new String[] {card.title(), card.message(), card.suggestion()}) {
      assertThat(text).doesNotContainPattern("[A-Za-z]{3,}"); // no English words, no "Tue 24 Nov"
    }
    assertThat(card.message()).contains("11月24日").contains("15:00");
    assertThat(card.suggestion()).contains("11月24日");
  }

  @Test
  void anEnglishPromiseGetsAnEnglishCard() {
    GuidanceItem card = card("I will call you back tomorrow before 3 pm", "en");
    assertThat(card.title()).isEqualTo("Promise noted");
    assertThat(card.message()).contains("Tue 24 Nov 15:00").doesNotContainPattern("\\p{IsHan}");
  }

  @Test
  void aChinesePromiseWithoutATimeAsksForOneInChinese() {
    GuidanceItem card = card("我会给您回电的", "zh");
    assertThat(card.severity()).isEqualTo(GuidanceItem.Severity.WARNING);
    assertThat(card.title()).isEqualTo("跟进未约定时间");
    assertThat(card.message()).doesNotContainPattern("[A-Za-z]{3,}");
  }
}
