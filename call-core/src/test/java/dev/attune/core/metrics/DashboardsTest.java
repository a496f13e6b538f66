package dev.attune.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboards and alert rules in {@code dashboards/} are checked by promtool and only use meters we publish. */
class DashboardsTest {
  static final Path PROJECT = Path.of(System.getProperty("attune.project.dir"));
  private static final Pattern METRIC = Pattern.compile("(?<![:\\w])((?:callcenter|attune)_[a-z_]+)(?![:\\w])");

  @Test
  void promtoolAcceptsTheRulesTheirUnitTestsAndEveryPanelQuery() throws Exception {
    Process p = new ProcessBuilder("bash", PROJECT.resolve("scripts/check-dashboards.sh").toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("check-dashboards: OK");
  }

  @Test
  void everyMetricTheDashboardsUseIsOneWePublish() throws Exception {
    Set<String> published = new TreeSet<>();
    for (Field f : MetricNames.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        published.add(((String) f.get(null)).replace('.', '_'));
      }
    }
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(PROJECT.resolve("dashboards"))) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        Matcher m = METRIC.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).isNotEmpty();
    for (String name : used) {
      String base = name.replaceAll("_(total|bucket|sum|count|max)$", "").replaceAll("_seconds$", "");
      assertThat(published).as("metric %s used in dashboards/ but not in MetricNames", name).contains(base);
    }
  }
}
