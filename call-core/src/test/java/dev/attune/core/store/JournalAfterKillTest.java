package dev.attune.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.testing.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing owed to the database is lost when the node dies while the database is down: a node in a JVM of its own
 * writes call records while the database server is stopped, says what it owes, and is killed (SIGKILL: no shutdown
 * hook, no last flush). With the database back, the next start on the same data directory replays its journal, in
 * order: every record is there once, the newest value of a row rewritten while owed wins, and the journal is empty.
 */
class JournalAfterKillTest {
  private static final int OWED_CALLS = 25;

  @TempDir Path dir;

  @Test
  void writesOwedWhenTheNodeWasKilledReachTheDatabaseAtTheNextStart() throws Exception {
    int dbPort = FreePorts.one();
    String[] serverArgs = {"-tcpPort", String.valueOf(dbPort), "-baseDir", dir.toString(), "-ifNotExists"};
    String url = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/attune;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    Path journal = dir.resolve("data").resolve("pending-writes.journal");
    Server server = Server.createTcpServer(serverArgs).start();
    Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Dhazelcast.logging.type=none",
        OwedWritesProcess.class.getName(), url, journal.toString(), String.valueOf(FreePorts.one()))
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter in = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
      assertThat(lineStartingWith(out, "ready")).as("the node started on the database").isNotNull();
      server.stop();
      in.println("write " + OWED_CALLS);
      String owed = lineStartingWith(out, "owed ");
      assertThat(owed).isEqualTo("owed " + OWED_CALLS);
      assertThat(Files.readAllLines(journal)).as("each owed write on disk, the rewritten row twice")
          .hasSize(OWED_CALLS + 1);
    } finally {
      node.destroyForcibly(); // SIGKILL
      node.waitFor();
    }

    Server again = Server.createTcpServer(serverArgs).start();
    try (DurableStores next = DurableStores.start(url, "", "", 2, 200, CustomerKeys.DIGITS_ONLY, journal)) {
      int port = FreePorts.one();
      HazelcastInstance member = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
          "replay-" + UUID.randomUUID(), "127.0.0.1", port, List.of("127.0.0.1:" + port)), next::configure));
      try {
        Map<String, CallRecord> rows = rows(next);
        assertThat(rows).hasSize(OWED_CALLS + 1);
        for (int i = 0; i <= OWED_CALLS; i++) {
          String agent = i == 0 ? "SIP/agent0" : i == 2 ? "SIP/agent2" : "SIP/agent1";
          assertThat(rows.get("pbx:" + i)).as("pbx:" + i).isEqualTo(OwedWritesProcess.record(i, agent));
        }
        assertThat(next.health()).isEqualTo(new DatabaseHealth("UP", 0));
        assertThat(Files.size(journal)).as("nothing owed any more").isZero();
      } finally {
        member.getLifecycleService().shutdown();
      }
    } finally {
      again.stop();
    }
  }

  private static String lineStartingWith(BufferedReader out, String prefix) throws java.io.IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  private static Map<String, CallRecord> rows(DurableStores stores) throws Exception {
    Map<String, CallRecord> out = new HashMap<>();
    try (Connection c = stores.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT k, body FROM call_history")) {
      while (rs.next()) {
        out.put(rs.getString(1), dev.attune.core.bus.Json.read(rs.getString(2), CallRecord.class));
      }
    }
    return out;
  }
}
