package dev.attune.bridge.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.EndedBy;
import dev.attune.core.calls.SurveyResult;
import dev.attune.core.cluster.ClusterQuorum;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import dev.attune.core.testing.Eventually;
import dev.attune.core.testing.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller rates a call on a node cut off from the cluster's majority, which may not write call records (split-brain
 * protection): the rating is kept and joins the record once the node is part of a majority again, not lost.
 */
class SurveyOnACutOffNodeTest {
  private static final String CALL_ID = "pbx:1795407672.0";
  private static final Instant NOW = Instant.now();

  @AfterEach
  void stop() {
    Hazelcast.shutdownAll();
  }

  @Test
  void aRatingGivenWhileTheNodeIsAloneJoinsItsRecordWhenAMemberComesBack() throws Exception {
    int port = FreePorts.block(10);
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("cut-off-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1), "127.0.0.1:" + (port + 2)),
        AttuneConfig.Cluster.MIN_FENCED_FAILURE_DETECTION_SECONDS, 2);
    HazelcastInstance node = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    HazelcastInstance other = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    Eventually.until("a majority of two", Duration.ofSeconds(30), () -> ClusterQuorum.present(node));
    IMap<String, CallRecord> history = node.getMap(MapNames.CALL_HISTORY);
    history.set(CALL_ID, record());

    other.shutdown();
    Eventually.until("the node alone, below the majority", Duration.ofSeconds(30), () -> !ClusterQuorum.present(node));
    SurveyResults results = new SurveyResults(node, new SimpleMeterRegistry(), 2, alert -> { },
        CustomerKeys.DIGITS_ONLY);
    results.accept(new SurveyResult(CALL_ID, 4, NOW, "+15551230001", "support", "PJSIP/agent101"));
    assertThat(history.get(CALL_ID).survey()).as("not written while cut off").isNull();
    assertThat(node.<String, SurveyResult>getMap(MapNames.SURVEYS).get(CALL_ID).score()).isEqualTo(4);

    HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    Eventually.until("the rating on the record", Duration.ofSeconds(60),
        () -> history.get(CALL_ID).survey() != null);
    assertThat(history.get(CALL_ID).survey().score()).isEqualTo(4);
  }

  private static CallRecord record() {
    return new CallRecord(CALL_ID, "+15551230001", "support", "PJSIP/agent101", CallOutcome.ANSWERED, EndedBy.AGENT,
        NOW.minusSeconds(300), NOW.minusSeconds(295), NOW.minusSeconds(280), NOW, 15, 270, 0, 0, 0, "16", false,
        List.of());
  }
}
