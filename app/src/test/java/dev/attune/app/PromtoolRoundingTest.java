package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link ServiceLevelAgreementTest} takes for agreement when promtool fails: last-bit differences only. */
class PromtoolRoundingTest {
  /** promtool 2.x's own words for a last-bit difference (from a run with 12 of 13 answered within 20 s). */
  private static final String LAST_BIT = """
      Unit Testing:  /tmp/agreement.test.yml
        FAILED:
          expr: "queue:callcenter_service_level_20s:ratio_rate5m{queue=\\"support\\"}", time: 8m,
              exp: {__name__="queue:callcenter_service_level_20s:ratio_rate5m", queue="support"} 9.230769230769231E-01
              got: {__name__="queue:callcenter_service_level_20s:ratio_rate5m", queue="support"} 9.23076923076923E-01
      """;

  @Test
  void aLastBitDifferenceIsAgreementAndAnythingElseIsNot() {
    assertThat(ServiceLevelAgreementTest.onlyRoundingDifferences(LAST_BIT)).isTrue();
    assertThat(ServiceLevelAgreementTest.onlyRoundingDifferences(LAST_BIT.replace("9.23076923076923E-01",
        "8.461538461538461E-01"))).as("11 of 13 is not 12 of 13").isFalse();
    assertThat(ServiceLevelAgreementTest.onlyRoundingDifferences(LAST_BIT + """
          expr: "queue:callcenter_abandoned:ratio_rate5m{queue=\\"support\\"}", time: 8m,
              exp: {__name__="queue:callcenter_abandoned:ratio_rate5m", queue="support"} 7.692307692307693E-02
              got: nil
      """)).as("a missing sample").isFalse();
    assertThat(ServiceLevelAgreementTest.onlyRoundingDifferences("  FAILED:\n    could not load rule file"))
        .as("no samples compared at all").isFalse();
  }
}
