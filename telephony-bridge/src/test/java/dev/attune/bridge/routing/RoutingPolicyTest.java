package dev.attune.bridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.CustomerProfile;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {
  private static final RoutingRules RULES = RoutingRulesParser.parse(
      Path.of(System.getProperty("attune.project.dir", ".."), "telephony-bridge/src/test/resources/routing/rules.yaml"));
  private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.parse("2026-11-23T12:00:00Z");

  private static CustomerProfile profile(boolean vip, int complaints, String language) {
    return new CustomerProfile("+15550000001", "Test", 1, 1, 0, complaints, null, null, null, language, vip);
  }

  @Test
  void dialedSkillLinePicksItsQueueForUnknownCallers() {
    RoutingDecision decision = RoutingPolicy.decide(RULES, null, Optional.empty(), "200", MONDAY_NOON);
    assertThat(decision.queue()).isEqualTo("sales");
    assertThat(decision.reason()).isEqualTo("skill");
  }

  @Test
  void complaintOutranksVipButTheVipKeepsPriority() {
    RoutingDecision decision = RoutingPolicy.decide(RULES, profile(true, 1, "zh"), Optional.empty(), "100",
        MONDAY_NOON);
    assertThat(decision.queue()).isEqualTo("senior");
    assertThat(decision.priority()).isEqualTo(10);
    assertThat(decision.matched()).containsExactly("language", "vip", "complaint");
  }

  @Test
  void aRegionalLanguageTagGoesWhereItsLanguageDoes() {
    for (String language : new String[] {"zh", "zh-CN", "zh_cn", "ZH-Hans"}) {
      RoutingDecision decision = RoutingPolicy.decide(RULES, profile(false, 0, language), Optional.empty(), "100",
          MONDAY_NOON);
      assertThat(decision.queue()).as(language).isEqualTo("support-zh");
      assertThat(decision.reason()).isEqualTo("language");
    }
    assertThat(RoutingPolicy.decide(RULES, profile(false, 0, "fr-CA"), Optional.empty(), "100", MONDAY_NOON)
        .reason()).as("a language the rules do not name").isEqualTo("default");
  }

  @Test
  void closingTimeIsAlreadyAfterHours() {
    assertThat(RoutingPolicy.isOpen(RULES, ZonedDateTime.parse("2026-11-23T19:59:59Z"))).isTrue();
    assertThat(RoutingPolicy.isOpen(RULES, ZonedDateTime.parse("2026-11-23T20:00:00Z"))).isFalse();
    assertThat(RoutingPolicy.isOpen(RULES, ZonedDateTime.parse("2026-11-22T12:00:00Z"))).as("Sunday").isFalse();
  }
}
