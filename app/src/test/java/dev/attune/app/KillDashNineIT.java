package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Durability of the real thing: the shaded jar runs the demo (whose scripted conversations make promises), is killed
 * with SIGKILL (no shutdown hook, no flush), and started again on the same data folder. Every call it had finished
 * and every promise it had taken before the kill is still there, and a reminder sent before the kill is not sent again.
 */
class KillDashNineIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration SWEEP = Duration.ofSeconds(60); // reminders are swept every 15 s

  @Test
  void finishedCallsAndPromisesWrittenBeforeAKillDashNineAreThereAfterARestartAndNoReminderRepeats() throws Exception {
    // http.port 0: the OS picks, the node says which (RunningJar.httpPort); each run may get another
    Map<String, String> env = RunningJar.demoEnv(0, Files.createTempDirectory("attune-kill-data"));
    env.put("ATTUNE_SIMULATOR_RATE", "240");
    // Remind a day ahead of due (the most the key allows): a promise confirmed due in two hours is reminded at the
    // next sweep, whatever the time of day the test runs at (the demo's own deadlines depend on it).
    env.put("ATTUNE_COMMITMENTS_REMIND_MINUTES_BEFORE", "1440");
    List<String> callsBefore;
    Map<String, JsonObject> promisesBefore;
    String reminded;
    String confirmAfterRestart;
    try (RunningJar first = RunningJar.start("kill-first", env)) {
      Http http = new Http(first.httpPort(START));
      Eventually.await("/health from the first run", START, () -> http.get("/health", null), r -> r.status() == 200);
      String supervisor = http.login("supervisor", "attune-supervisor");
      callsBefore = ids(Eventually.await("a few finished calls", Duration.ofSeconds(60),
          () -> http.get("/api/history?limit=1000", supervisor).array(), a -> a.size() >= 3));
      List<JsonObject> proposed = Eventually.await("two promises from the demo conversations",
          Duration.ofSeconds(90), () -> proposed(http.get("/api/commitments?status=all", supervisor).array()),
          l -> l.size() >= 2);
      reminded = proposed.get(0).getString("id");
      confirmAfterRestart = proposed.get(1).getString("id");
      assertThat(http.post("/api/commitments/" + reminded + "/confirm", supervisor, dueInTwoHours()).status())
          .isEqualTo(200);
      Eventually.await("the reminder of the confirmed promise", SWEEP,
          () -> byId(http.get("/api/commitments?status=all", supervisor).array()).get(reminded),
          c -> c.getString("remindedAt") != null);
      promisesBefore = byId(http.get("/api/commitments?status=all", supervisor).array());
      first.kill();
    }

    try (RunningJar second = RunningJar.start("kill-second", env)) {
      Http http = new Http(second.httpPort(START));
      Eventually.await("/health after the restart", START, () -> http.get("/health", null), r -> r.status() == 200);
      String supervisor = http.login("supervisor", "attune-supervisor");
      List<String> callsAfter = ids(http.get("/api/history?limit=1000", supervisor).array());
      assertThat(callsAfter).containsAll(callsBefore);
      assertThat(callsAfter).doesNotHaveDuplicates();

      Map<String, JsonObject> promisesAfter = byId(http.get("/api/commitments?status=all", supervisor).array());
      assertThat(promisesAfter.keySet()).containsAll(promisesBefore.keySet());
      for (String id : promisesBefore.keySet()) {
        assertThat(promisesAfter.get(id).getString("text")).isEqualTo(promisesBefore.get(id).getString("text"));
        assertThat(promisesAfter.get(id).getString("dueAt")).isEqualTo(promisesBefore.get(id).getString("dueAt"));
      }
      // A sweep of the new process has run once this promise, confirmed now, is reminded; the old one must be untouched.
      assertThat(http.post("/api/commitments/" + confirmAfterRestart + "/confirm", supervisor, dueInTwoHours())
          .status()).isEqualTo(200);
      Eventually.await("a reminder from the new process", SWEEP,
          () -> byId(http.get("/api/commitments?status=all", supervisor).array()).get(confirmAfterRestart),
          c -> c.getString("remindedAt") != null);
      JsonObject again = byId(http.get("/api/commitments?status=all", supervisor).array()).get(reminded);
      assertThat(again.getString("status")).isEqualTo("OPEN");
      assertThat(again.getString("remindedAt")).isEqualTo(promisesBefore.get(reminded).getString("remindedAt"));
    }
  }

  private static List<String> ids(JsonArray records) {
    return records.stream().map(r -> ((JsonObject) r).getString("id")).toList();
  }

  /** Proposed promises, soonest first (the API's order). */
  private static List<JsonObject> proposed(JsonArray commitments) {
    return commitments.stream().map(JsonObject.class::cast)
        .filter(c -> "PROPOSED".equals(c.getString("status"))).toList();
  }

  /** A confirm body with an edited time two hours ahead: within the day-ahead reminder window at any hour. */
  private static String dueInTwoHours() {
    return new JsonObject().put("due", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusHours(2)
        .withNano(0).toString()).encode();
  }

  private static Map<String, JsonObject> byId(JsonArray commitments) {
    return commitments.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(c -> c.getString("id"), Function.identity()));
  }
}
