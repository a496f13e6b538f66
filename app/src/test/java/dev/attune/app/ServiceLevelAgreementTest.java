package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One service-level truth: generated traffic on the built-in PBX (answered, abandoned, timed out), then no new callers
 * until every call has ended; the figures of {@code GET /api/queues} (what the wallboard shows) must be what the
 * Prometheus rules in {@code dashboards/rules} compute from {@code /metrics}, evaluated by promtool.
 */
class ServiceLevelAgreementTest {
  private static final Path PROJECT = TestCluster.projectDir();
  private static TestCluster cluster;
  private static AttuneNode node;
  private static Http http;

  @BeforeAll
  static void startNode() throws Exception {
    boolean promtool = Files.isExecutable(Path.of("/usr/bin/promtool"));
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(promtool, "promtool is not installed (scripts/install-test-deps.sh)");
    }
    cluster = new TestCluster();
    Map<String, String> env = cluster.withBuiltInPbx();
    env.put("ATTUNE_SIMULATOR_RATE", "60"); // a caller a second on average: enough to queue, not to pile up
    env.put("ATTUNE_SIMULATOR_AUDIO", "false");
    env.put("ATTUNE_SIMULATOR_AGENTS", "20"); // short queues: the calls in progress end soon after the last arrival
    node = cluster.startNode(env);
    http = new Http(node.httpPort());
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theQueueFiguresAndThePrometheusRulesAgreeOnServiceLevelAndAbandonment() throws Exception {
    String sue = http.login("sue", TestCluster.PASSWORD);
    Eventually.await("traffic in support", Duration.ofSeconds(90), () -> support(sue).getJsonObject("last15"),
        f -> f.getInteger("offered") >= 12 && f.getInteger("abandoned") >= 1);
    node.simulator().stopArrivals();
    Eventually.await("every call ended", Duration.ofSeconds(150), () -> http.get("/api/calls", sue).array(),
        calls -> calls.isEmpty());
    Instant drained = Instant.now();
    JsonObject figures = Eventually.await("figures worked out after the last call", Duration.ofSeconds(20),
        () -> http.get("/api/queues", sue).json(), q -> Instant.parse(q.getString("at")).isAfter(drained))
        .getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> "support".equals(q.getString("queue"))).findFirst().orElseThrow().getJsonObject("last15");
    String metrics = http.get("/metrics", null).body();
    double offered = sample(metrics, "callcenter_calls_offered_total", "queue=\"support\"");
    double within20 = sample(metrics, "callcenter_queue_wait_seconds_bucket",
        "outcome=\"answered\",queue=\"support\",le=\"20.0\"");
    double abandoned = sample(metrics, "callcenter_queue_wait_seconds_count", "outcome=\"abandoned\",queue=\"support\"");
    assertThat(offered).as("the rules' offered is the figures' offered").isEqualTo((double) figures.getInteger("offered"));

    Path test = Files.createTempFile("agreement", ".test.yml");
    Files.writeString(test, promtoolTest(offered, within20, abandoned,
        figures.getJsonObject("serviceLevel").getDouble("20"), figures.getDouble("abandonment")));
    Process promtool = new ProcessBuilder("promtool", "test", "rules", test.toString()).redirectErrorStream(true)
        .start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue() == 0 || onlyRoundingDifferences(output))
        .as("promtool on %s:%n%s%n%s", test, Files.readString(test), output).isTrue();
    Files.delete(test);
  }

  /**
   * promtool compares samples exactly, and 12/13 computed from two rates can differ from 12/13 in Java in the last
   * bit (0.923076923076923 against 0.9230769230769231): a failure made only of such differences is agreement.
   */
  static boolean onlyRoundingDifferences(String promtoolOutput) {
    Matcher pair = Pattern.compile("exp: \\{[^}]*\\} (\\S+)\\s+got: \\{[^}]*\\} (\\S+)").matcher(promtoolOutput);
    int pairs = 0;
    while (pair.find()) {
      double expected = Double.parseDouble(pair.group(1));
      double got = Double.parseDouble(pair.group(2));
      if (Math.abs(expected - got) > 1e-12 * Math.max(1, Math.abs(expected))) {
        return false;
      }
      pairs++;
    }
    int failures = promtoolOutput.split("expr: ", -1).length - 1;
    return pairs > 0 && pairs == failures;
  }

  private static JsonObject support(String token) {
    return http.get("/api/queues", token).json().getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> "support".equals(q.getString("queue"))).findFirst().orElse(new JsonObject()
            .put("last15", new JsonObject().put("offered", 0).put("abandoned", 0)));
  }

  /** One sample of a scrape, 0 when the series is not there (nothing counted yet). */
  private static double sample(String scrape, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /**
   * The three counters as Prometheus would have scraped them: zero, then (from minute 5) what the node counted; the
   * rules over them at minute 8 must give the figures' service level and abandonment.
   */
  private static String promtoolTest(double offered, double within20, double abandoned, double serviceLevel,
                                     double abandonment) {
    String rules = PROJECT.resolve("dashboards/rules/attune.rules.yml").toString();
    return String.format(Locale.ROOT, """
        rule_files: ["%s"]
        evaluation_interval: 30s
        tests:
          - interval: 1m
            input_series:
              - series: 'callcenter_calls_offered_total{queue="support",instance="n1"}'
                values: '%s'
              - series: 'callcenter_queue_wait_seconds_bucket{outcome="answered",queue="support",le="20.0",instance="n1"}'
                values: '%s'
              - series: 'callcenter_queue_wait_seconds_count{outcome="abandoned",queue="support",instance="n1"}'
                values: '%s'
            promql_expr_test:
              - expr: queue:callcenter_service_level_20s:ratio_rate5m{queue="support"}
                eval_time: 8m
                exp_samples:
                  - labels: 'queue:callcenter_service_level_20s:ratio_rate5m{queue="support"}'
                    value: %s
              - expr: queue:callcenter_abandoned:ratio_rate5m{queue="support"}
                eval_time: 8m
                exp_samples:
                  - labels: 'queue:callcenter_abandoned:ratio_rate5m{queue="support"}'
                    value: %s
        """, rules, series(offered), series(within20), series(abandoned), Double.toString(serviceLevel),
        Double.toString(abandonment)); // exactly: the same calls must give the same ratio
  }

  private static String series(double count) {
    long n = Math.round(count);
    return "0 0 0 0 0 " + (n + " ").repeat(6).trim();
  }
}
