package dev.attune.core.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.config.AttuneConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A node's store layer in a JVM of its own (for {@link JournalAfterKillTest}): writes call records through to the
 * database at {@code url}, journaling what it owes in {@code journal}. On "write N" it ends N calls; it says how many
 * writes it owes and waits to be killed.
 */
public final class OwedWritesProcess {
  static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

  private OwedWritesProcess() {}

  static CallRecord record(int i, String agent) {
    Instant start = T0.plusSeconds(i * 60L);
    return new CallRecord("pbx:" + i, "+1555000" + (i % 3), "support", agent, CallOutcome.ANSWERED,
        EndedBy.CUSTOMER, start, start, start.plusSeconds(5), start.plusSeconds(40), 5, 35, 0, 0, 0, "16", false,
        List.of());
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path journal = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    DurableStores stores = DurableStores.start(url, "", "", 2, 200, CustomerKeys.DIGITS_ONLY, journal);
    HazelcastInstance member = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
        "owed-" + UUID.randomUUID(), "127.0.0.1", port, List.of("127.0.0.1:" + port)), stores::configure));
    IMap<String, CallRecord> history = member.getMap(MapNames.CALL_HISTORY);
    history.set("pbx:0", record(0, "SIP/agent0")); // while the database is up
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.startsWith("write ")) {
        int n = Integer.parseInt(line.substring("write ".length()).strip());
        for (int i = 1; i <= n; i++) {
          history.set("pbx:" + i, record(i, "SIP/agent1"));
        }
        history.set("pbx:2", record(2, "SIP/agent2")); // a newer value of an owed row: it must win
        System.out.println("owed " + stores.health().pendingWrites());
        System.out.flush();
      }
    }
  }
}
