package dev.attune.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.config.AttuneConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alert rules in {@code dashboards/} name Prometheus series by hand; a renamed meter would
 * silently empty a panel or disarm an alert. This test ties them to {@link MetricNames} and to the configured
 * service-level thresholds, so such a drift breaks the build instead.
 */
class DashboardMetricNamesTest {
  private static final Path PROJECT = Path.of(System.getProperty("attune.project.dir", ".."));
  private static final Path DASHBOARDS = PROJECT.resolve("dashboards");
  /** A series name of ours; the look-behind skips recording-rule names such as queue:callcenter_x:rate5m. */
  private static final Pattern OUR_SERIES = Pattern.compile("(?<![:\\w])((?:callcenter|attune)_[a-z0-9_]+)(?![:\\w])");
  private static final Pattern WAIT_BUCKET_LE =
      Pattern.compile("callcenter_queue_wait_seconds_bucket\\{[^}]*le=\\\\?\"([0-9.]+)\\\\?\"");
  /** Suffixes Micrometer's Prometheus registry adds: counters, timers (seconds), gauges with a base unit. */
  private static final List<String> SUFFIXES =
      List.of("", "_total", "_seconds", "_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max");

  @Test
  void everySeriesTheDashboardsAndRulesUseIsAMeterInMetricNames() throws Exception {
    Set<String> known = prometheusNames();
    Set<String> used = seriesUsedIn(dashboardFiles());

    assertThat(used).as("series found in dashboards/ (a parse that finds none would prove nothing)")
        .contains("callcenter_calls_offered_total", "callcenter_queue_wait_seconds_bucket", "attune_ami_connected",
            "callcenter_queue_oldest_wait_seconds");
    assertThat(used).as("series in dashboards/ with no meter in MetricNames").isSubsetOf(known);
  }

  @Test
  void aRenamedMeterWouldBeCaught() throws Exception {
    Set<String> used = seriesUsedIn(List.of());
    used.addAll(seriesIn("rate(callcenter_calls_offerred_total[5m]) / queue:callcenter_calls_offered:rate5m"));
    assertThat(used).containsExactly("callcenter_calls_offerred_total");
    assertThat(prometheusNames()).doesNotContain("callcenter_calls_offerred_total");
  }

  @Test
  void serviceLevelBucketsInRulesAndDashboardsAreTheConfiguredThresholds() throws Exception {
    AttuneConfig config = AttuneConfig.load(PROJECT.resolve("config").resolve("attune.yaml"), Map.of());
    Set<String> configured = config.metrics().serviceLevelSeconds().stream()
        .map(seconds -> seconds + ".0") // Micrometer writes SLO boundaries as le="20.0"
        .collect(Collectors.toCollection(TreeSet::new));

    Set<String> inRules = bucketsIn(List.of(DASHBOARDS.resolve("rules").resolve("attune.rules.yml")));
    Set<String> inDashboards = bucketsIn(dashboardJson());

    assertThat(inRules).as("le= of the wait histogram in the alert rules").isNotEmpty().isSubsetOf(configured);
    assertThat(inDashboards).as("service-level panels cover every configured threshold").isEqualTo(configured);
  }

  private static Set<String> prometheusNames() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field field : MetricNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String base = ((String) field.get(null)).replace('.', '_');
        SUFFIXES.forEach(suffix -> names.add(base + suffix));
      }
    }
    return names;
  }

  private static List<Path> dashboardFiles() throws IOException {
    try (Stream<Path> files = Files.walk(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static List<Path> dashboardJson() throws IOException {
    return dashboardFiles().stream().filter(f -> f.toString().endsWith(".json")).toList();
  }

  private static Set<String> seriesUsedIn(List<Path> files) throws IOException {
    Set<String> used = new TreeSet<>();
    for (Path file : files) {
      used.addAll(seriesIn(Files.readString(file)));
    }
    return used;
  }

  private static Set<String> seriesIn(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = OUR_SERIES.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static Set<String> bucketsIn(List<Path> files) throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path file : files) {
      Matcher m = WAIT_BUCKET_LE.matcher(Files.readString(file));
      while (m.find()) {
        found.add(m.group(1));
      }
    }
    return found;
  }
}
