package dev.attune.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dashboards and alert rules in {@code dashboards/} pass promtool (the names are checked by DashboardMetricNamesTest). */
class DashboardsTest {
  static final Path PROJECT = Path.of(System.getProperty("attune.project.dir"));

  @Test
  void promtoolAcceptsTheRulesTheirUnitTestsAndEveryPanelQuery() throws Exception {
    Process p = new ProcessBuilder("bash", PROJECT.resolve("scripts/check-dashboards.sh").toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("check-dashboards: OK");
  }
}
