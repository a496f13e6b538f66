package dev.attune.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.config.AttuneConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordsAcrossMembersTest {
  @AfterEach
  void shutdown() {
    Hazelcast.shutdownAll();
  }

  @Test
  void recordsWithInstantsWrittenOnOneMemberReadBackEqualOnAnother() {
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("records-" + UUID.randomUUID(), "127.0.0.1", 15701,
        List.of("127.0.0.1"));
    HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster, c -> {}));
    HazelcastInstance b = HazelcastNode.start(HazelcastNode.config(cluster, c -> {}));
    assertThat(a.getCluster().getMembers()).hasSize(2);

    Instant t = Instant.parse("2026-11-23T04:21:12.272989Z");
    LiveCall live = new LiveCall("pbx:1.0", "1.0", "+15551230001", "Alice", Direction.INBOUND, "support",
        "SIP/agent1", CallState.ANSWERED, t, t, t.plusSeconds(3), null, 0, 0, 0, t.plusSeconds(3));
    CallRecord record = new CallRecord("pbx:1.0", "+15551230001", "support", "SIP/agent1", CallOutcome.ANSWERED,
        EndedBy.CUSTOMER, t, t, t.plusSeconds(3), t.plusSeconds(8), 3, 5, 0, 0, 0, "16", false, java.util.List.of());
    CustomerProfile profile = CustomerProfile.first("+15551230001", "Alice").withCall(record);
    for (int i = 0; i < 20; i++) { // spread keys over partitions owned by both members
      a.getMap("calls.live").set("k" + i, live);
      a.getMap("calls.history").set("k" + i, record);
      a.getMap("customers").set("k" + i, profile);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(b.getMap("calls.live").get("k" + i)).isEqualTo(live);
      assertThat(b.getMap("calls.history").get("k" + i)).isEqualTo(record);
      assertThat(b.getMap("customers").get("k" + i)).isEqualTo(profile);
    }
  }
}
