package dev.attune.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production path against a real PostgreSQL. The server comes from env ATTUNE_TEST_PG_URL/_USER/_PASSWORD when
 * set; otherwise this test starts one with scripts/start-postgres.sh (and stops it after). Outside CI, without
 * PostgreSQL installed, it is skipped; in CI (env CI set) it must run.
 */
class PostgresStoreTest {
  private static final Map<String, String> pg = new HashMap<>();
  private static String startedDataDir;

  @BeforeAll
  static void server() throws Exception {
    for (String k : List.of("ATTUNE_TEST_PG_URL", "ATTUNE_TEST_PG_USER", "ATTUNE_TEST_PG_PASSWORD")) {
      if (System.getenv(k) != null) {
        pg.put(k, System.getenv(k));
      }
    }
    if (pg.size() == 3) {
      return;
    }
    boolean installed = Files.isDirectory(Path.of("/usr/lib/postgresql"));
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(installed, "PostgreSQL not installed and not in CI");
    }
    Path script = Path.of(System.getProperty("attune.project.dir", ".."), "scripts", "start-postgres.sh");
    Process p = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("scripts/start-postgres.sh exit code; output:\n" + out).isZero();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith("ATTUNE_TEST_PG_") && eq > 0) {
        pg.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    startedDataDir = pg.get("ATTUNE_TEST_PG_DATA");
    assertThat(pg).containsKeys("ATTUNE_TEST_PG_URL", "ATTUNE_TEST_PG_USER", "ATTUNE_TEST_PG_PASSWORD");
  }

  @AfterAll
  static void stopServer() throws IOException, InterruptedException {
    if (startedDataDir != null) {
      String pgCtl = Files.list(Path.of("/usr/lib/postgresql")).sorted().reduce((a, b) -> b).orElseThrow()
          .resolve("bin/pg_ctl").toString();
      List<String> cmd = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream()
          .readAllBytes()).strip())
          ? List.of("runuser", "-u", "postgres", "--", pgCtl, "-D", startedDataDir, "stop", "-m", "fast")
          : List.of(pgCtl, "-D", startedDataDir, "stop", "-m", "fast");
      new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
  }

  @AfterEach
  void shutdown() {
    Hazelcast.shutdownAll();
  }

  private DurableStores stores() {
    return DurableStores.start(pg.get("ATTUNE_TEST_PG_URL"), pg.get("ATTUNE_TEST_PG_USER"),
        pg.get("ATTUNE_TEST_PG_PASSWORD"), 4, 200);
  }

  @Test
  void historyAndCustomersAreUpsertedIntoPostgresAndReadBackAfterRestart() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8); // the database may be shared between runs
    Instant t0 = Instant.parse("2026-11-23T05:00:00Z");
    String caller = "+1666" + run;
    try (DurableStores s = stores()) {
      int port = freePort();
      AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("pg-" + run, "127.0.0.1", port,
          List.of("127.0.0.1:" + port));
      HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster, s::configure));
      HazelcastInstance b = HazelcastNode.start(HazelcastNode.config(cluster, s::configure));
      assertThat(b.getCluster().getMembers()).hasSize(2);
      IMap<String, CallRecord> history = a.getMap(MapNames.CALL_HISTORY);
      CustomerProfile profile = CustomerProfile.first(caller, "Pat");
      for (int i = 0; i < 25; i++) {
        Instant start = t0.plusSeconds(i * 60L);
        CallRecord r = new CallRecord(run + ":" + i, caller, "sales", "SIP/a1", CallOutcome.ANSWERED,
            EndedBy.AGENT, start, start, start.plusSeconds(2), start.plusSeconds(30), 2, 28, 0, 0, 0, "16", false, java.util.List.of());
        history.set(r.id(), r);
        b.<String, CallRecord>getMap(MapNames.CALL_HISTORY).set(r.id(), r); // again, from another member
        profile = profile.withCall(r);
      }
      a.<String, CustomerProfile>getMap(MapNames.CUSTOMERS).set(caller, profile);
      assertThat(s.health()).isEqualTo(new DatabaseHealth("UP", 0));
      try (Connection c = s.dataSource().getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM call_history WHERE owner = '"
              + dev.attune.core.commitments.PhoneNumbers.digitsKey(caller) + "'")) { // rows are owned by the customer key
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(25);
      }
    }
    Hazelcast.shutdownAll();

    try (DurableStores s = stores()) {
      int port2 = freePort();
      HazelcastInstance fresh = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
          "pg2-" + run, "127.0.0.1", port2, List.of("127.0.0.1:" + port2)), s::configure));
      assertThat(fresh.<String, CustomerProfile>getMap(MapNames.CUSTOMERS).get(caller).calls()).isEqualTo(25);
      List<CallRecord> newest = s.history().ofCustomer(caller, 2);
      assertThat(newest).extracting(CallRecord::id).containsExactly(run + ":24", run + ":23");
    }
  }

  /** A loopback port nothing listens on now: no fixed ports, so runs side by side agree. */
  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
