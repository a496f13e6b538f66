package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.store.MapNames;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The database is the source of truth, memory a window on it: history and customer profiles answer the same from
 * {@code /api/history} and {@code /api/customers} before and after every node of the cluster stopped and a new one
 * started on the same database, though the new one holds no profile in memory until one is read.
 */
class RestartAnswersTest {

  @Test
  void historyAndProfilesAnswerTheSameAfterARestart() throws Exception {
    try (TestCluster cluster = new TestCluster()) {
      AttuneNode before = cluster.startNode();
      Http http = new Http(before.httpPort());
      String ada = http.login("ada", TestCluster.PASSWORD);
      for (int i = 1; i <= 3; i++) {
        assertThat(http.put("/api/customers/+1555444000" + i, ada, "{\"name\":\"Customer " + i + "\",\"vip\":"
            + (i == 2) + ",\"language\":\"en\"}").status()).isEqualTo(200);
        CallRecord r = CallFixtures.ended("pbx:restart." + i, "+1555444000" + i, "PJSIP/agent101",
            CallOutcome.ANSWERED, Instant.now().minusSeconds(60L * i));
        before.hazelcast().getMap(MapNames.CALL_HISTORY).set(r.id(), CallFixtures.stored(r));
      }
      String profiles = http.get("/api/customers?format=csv", ada).body();
      String history = http.get("/api/history?limit=50", ada).body();
      assertThat(profiles).contains("Customer 1", "Customer 2", "Customer 3");
      assertThat(history).contains("pbx:restart.1", "pbx:restart.3");

      before.stop().await(30, java.util.concurrent.TimeUnit.SECONDS);
      AttuneNode after = cluster.startNode();
      assertThat(after.hazelcast().getMap(MapNames.CUSTOMERS).size()).as("nothing loaded until read").isZero();
      Http again = new Http(after.httpPort());
      String adaAgain = again.login("ada", TestCluster.PASSWORD);
      assertThat(again.get("/api/customers?format=csv", adaAgain).body()).isEqualTo(profiles);
      assertThat(again.get("/api/history?limit=50", adaAgain).body()).isEqualTo(history);
      io.vertx.core.json.JsonObject panel = again.get("/api/customers/+15554440002", adaAgain).json();
      assertThat(panel.getJsonObject("profile").getBoolean("vip")).as("a profile read loads it").isTrue();
      assertThat(after.hazelcast().getMap(MapNames.CUSTOMERS).size()).isEqualTo(1);
    }
  }
}
