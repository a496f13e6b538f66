package dev.attune.bridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing reads open promises from the commitments map agent-assist writes, on a real Hazelcast member. */
class OpenPromisesInClusterTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @AfterEach
  void stop() {
    Hazelcast.shutdownAll();
  }

  private static Commitment promise(String agent, String number, CommitmentStatus status, long dueInMinutes) {
    return new Commitment(UUID.randomUUID().toString(), "pbx:1.1", number, "Li Na", agent, "I'll call you back",
        "en", NOW, NOW.plusSeconds(dueInMinutes * 60), true, status, null, null, null, null, 0, null, null, NOW);
  }

  @Test
  void theAgentOfTheSoonestDueLivePromiseToThatNumberGetsTheCall() {
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
        "promises-" + UUID.randomUUID(), "127.0.0.1", 42000 + ThreadLocalRandom.current().nextInt(5000), List.of()),
        c -> { }));
    IMap<String, Commitment> map = hz.getMap(MapNames.COMMITMENTS);
    for (Commitment c : List.of(
        promise("PJSIP/agent102", "+86 138-0013-8000", CommitmentStatus.KEPT, 5),      // kept: no longer open
        promise("PJSIP/agent101", "+86 138-0013-8000", CommitmentStatus.OPEN, 30),
        promise("PJSIP/agent103", "+86 138-0013-8000", CommitmentStatus.PROPOSED, 10), // not confirmed yet
        promise("PJSIP/agent104", "+15550100999", CommitmentStatus.OVERDUE, 1))) {
      map.set(c.id(), c);
    }
    OpenPromisesInCluster promises = new OpenPromisesInCluster(map);

    assertThat(promises.agentFor("8613800138000")).contains("agent101");
    assertThat(promises.agentFor("+1 555 010 0999")).contains("agent104");
    assertThat(promises.agentFor("+15550100123")).isEmpty();
  }
}
