package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as an operator runs it: a child process from the repository root, configured only through the
 * environment. Proves the fat jar is complete (service files merged, Hazelcast opens in the manifest, the pages
 * inside), and, in the demo, that Asterisk-Java's reflective event discovery works inside it.
 */
class FatJarIT {
  private static final Duration START = Duration.ofSeconds(90);

  @Test
  void shadedJarServesHealthMetricsAndTheApiAndStopsCleanlyOnSigterm() throws Exception {
    TestCluster cluster = new TestCluster();
    Map<String, String> env = cluster.environment();
    env.put("ATTUNE_HTTP_PORT", "0"); // the OS picks, the node says which
    try (RunningJar jar = RunningJar.start("production-mode", env)) {
      Http http = new Http(jar.httpPort(START));
      JsonObject health = Eventually.await("/health from the jar", START, () -> alive(jar, http.get("/health", null)),
          r -> r.status() == 200).json();
      assertThat(health.getString("status")).isEqualTo("UP");
      assertThat(health.getJsonObject("cluster").getInteger("members")).isEqualTo(1);

      String metrics = http.get("/metrics", null).body();
      assertThat(metrics).contains("jvm_").doesNotContain("<html");
      String token = http.login("sue", TestCluster.PASSWORD);
      assertThat(http.get("/api/calls", token).status()).isEqualTo(200);
      assertThat(http.get("/metrics", null).body()).contains("vertx_http_server_requests_total");
      assertThat(http.get("/agent.html", null).body()).contains("guidance-cards");
      // the sentence models and their native code (only Linux x86-64's is packed) load from the shaded jar: the
      // warm-up is the recall workers' first timed check
      http.awaitSentenceModel(START);
      Http.Response analyzed = http.post("/api/assist/analyze", token, new JsonObject().put("party", "agent")
          .put("lang", "zh").put("text", "这点划痕不仔细看根本看不出来。").encode());
      assertThat(analyzed.status()).as(analyzed.body()).isEqualTo(200);
      assertThat(analyzed.json().getJsonArray("guidance").getJsonObject(0).getString("evidence")).startsWith("接近：“");
      // The demo accounts do not exist with a real PBX configured.
      assertThat(http.post("/api/login", null, "{\"username\":\"supervisor\",\"password\":\"attune-supervisor\"}").status())
          .isEqualTo(401);

      int exit = jar.terminate();
      assertThat(jar.output()).contains("Attune node stopped");
      assertThat(exit).isIn(0, 143);
    }
  }

  @Test
  void badConfigurationStopsStartUpWithAMessageNamingTheKey() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ATTUNE_HTTP_PORT", "eighty");
    try (RunningJar jar = RunningJar.start("bad-config", env)) {
      assertThat(jar.waitForExit()).isEqualTo(2);
      assertThat(jar.output()).contains("http.port").contains("ATTUNE_HTTP_PORT").doesNotContain("\tat ");
    }
  }

  @Test
  void startedFromAnotherDirectoryItFindsItsConfigurationAndTheEnvironmentStillOverridesIt(@TempDir Path elsewhere)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ATTUNE_HTTP_PORT", "eighty"); // exits at once, after reading the configuration it found
    try (RunningJar jar = RunningJar.startIn(elsewhere, "elsewhere", env)) {
      assertThat(jar.waitForExit()).isEqualTo(2);
      assertThat(jar.output()).contains("http.port").contains("ATTUNE_HTTP_PORT").contains("'eighty'")
          .doesNotContain("not found").doesNotContain("missing");
    }
  }

  @Test
  void aBusyPortExitsWithCode2NamingTheKeyAndThePort() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> env = RunningJar.demoEnv(0, Files.createTempDirectory("attune-busy"));
      env.put("ATTUNE_AUDIOSOCKET_PORT", String.valueOf(taken.getLocalPort()));
      try (RunningJar jar = RunningJar.start("busy-port", env)) {
        assertThat(jar.waitForExit()).isEqualTo(2);
        assertThat(jar.output()).contains("audiosocket.port").contains(":" + taken.getLocalPort())
            .contains("ATTUNE_AUDIOSOCKET_PORT").doesNotContain("\tat ");
      }
    }
  }

  @Test
  void brokenUsersFileStopsStartUpNamingTheBadEntries() throws Exception {
    TestCluster cluster = new TestCluster();
    Map<String, String> env = cluster.environment();
    env.put("ATTUNE_AUTH_USERS_FILE",
        TestCluster.projectDir().resolve("agent-assist/src/test/resources/users/broken-users.yaml").toString());
    try (RunningJar jar = RunningJar.start("broken-users", env)) {
      assertThat(jar.waitForExit()).isEqualTo(2);
      assertThat(jar.output()).contains("users[0] (carol)").contains("users[1] (dave)").doesNotContain("\tat ");
    }
  }

  /**
   * The README's first command, end to end: the built-in simulator over real AMI TCP, the bridge, the screens' API.
   * Also proves that Asterisk-Java finds its event classes by reflection inside the fat jar.
   */
  @Test
  void demoShowsLiveCallsForTheDemoLoginsAndRisingCounters() throws Exception {
    Map<String, String> env = RunningJar.demoEnv(0, Files.createTempDirectory("attune-it-data"));
    env.put("ATTUNE_SIMULATOR_RATE", "120");
    try (RunningJar jar = RunningJar.start("demo-mode", env)) {
      Http http = new Http(jar.httpPort(START));
      Eventually.await("/health from the jar", START, () -> alive(jar, http.get("/health", null)), r -> r.status() == 200);
      String supervisor = http.login("supervisor", "attune-supervisor");
      JsonArray calls = Eventually.await("live calls in /api/calls", Duration.ofSeconds(20),
          () -> http.get("/api/calls", supervisor).array(), a -> !a.isEmpty());
      assertThat(calls.getJsonObject(0).getString("id")).isNotBlank();

      double offered = Eventually.await("calls offered counted", Duration.ofSeconds(20),
          () -> counter(http.get("/metrics", null).body(), "callcenter_calls_offered_total"), n -> n > 0);
      Eventually.await("the counter rising", Duration.ofSeconds(30),
          () -> counter(http.get("/metrics", null).body(), "callcenter_calls_offered_total"), n -> n > offered);

      String agent = http.login("agent", "attune-agent");
      JsonArray mine = Eventually.await("a call for the demo agent (PJSIP/agent101)", Duration.ofSeconds(60),
          () -> http.get("/api/calls", agent).array(), a -> !a.isEmpty());
      mine.forEach(c -> assertThat(((JsonObject) c).getString("agent")).isEqualTo("PJSIP/agent101"));
      assertThat(http.login("admin", "attune-admin")).isNotBlank();
      Eventually.await("a finished call in the log", Duration.ofSeconds(60), jar::output, out -> out.contains(" ended outcome="));
      assertThat(jar.output()).as("logging.maskNumbers: callers' numbers keep only their last four digits")
          .containsPattern("caller=\\+?\\*{3,}\\d{4} ").doesNotContainPattern("caller=\\+?\\d{7,}");
    }
  }

  private static Http.Response alive(RunningJar jar, Http.Response response) {
    if (!jar.alive()) {
      throw new AssertionError("the jar exited; output:\n" + jar.output());
    }
    return response;
  }

  /** Sum of every series of a Prometheus counter. */
  private static double counter(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }
}
