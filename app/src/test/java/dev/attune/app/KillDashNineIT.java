package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Durability of the real thing: the shaded jar runs the demo, is killed with SIGKILL (no shutdown hook, no flush),
 * and started again on the same data folder; every call it had finished before the kill is still in history.
 */
class KillDashNineIT {
  private static final Duration START = Duration.ofSeconds(90);

  @Test
  void everyFinishedCallWrittenBeforeAKillDashNineIsThereAfterARestart() throws Exception {
    int port = TestCluster.freePort();
    Map<String, String> env = RunningJar.demoEnv(port, Files.createTempDirectory("attune-kill-data"));
    env.put("ATTUNE_SIMULATOR_RATE", "240");
    Http http = new Http(port);

    List<String> before;
    try (RunningJar first = RunningJar.start("kill-first", env)) {
      Eventually.await("/health from the first run", START, () -> http.get("/health", null), r -> r.status() == 200);
      String supervisor = http.login("supervisor", "attune-supervisor");
      JsonArray ended = Eventually.await("a few finished calls", Duration.ofSeconds(60),
          () -> http.get("/api/history?limit=1000", supervisor).array(), a -> a.size() >= 3);
      before = ids(ended);
      first.kill();
    }

    try (RunningJar second = RunningJar.start("kill-second", env)) {
      Eventually.await("/health after the restart", START, () -> http.get("/health", null), r -> r.status() == 200);
      String supervisor = http.login("supervisor", "attune-supervisor");
      List<String> after = ids(http.get("/api/history?limit=1000", supervisor).array());
      assertThat(after).containsAll(before);
      assertThat(after).doesNotHaveDuplicates();
    }
  }

  private static List<String> ids(JsonArray records) {
    return records.stream().map(r -> ((JsonObject) r).getString("id")).toList();
  }
}
