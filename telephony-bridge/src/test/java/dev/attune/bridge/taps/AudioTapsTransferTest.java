package dev.attune.bridge.taps;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.bridge.calls.CallTracker;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallTransferred;
import dev.attune.core.calls.Party;
import dev.attune.core.calls.TransferKind;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which Originates the taps send over a call's life, and what stays registered, on a real Hazelcast member. */
class AudioTapsTransferTest {
  private static final String CALL = "pbx:100.0";

  @AfterEach
  void stop() {
    Hazelcast.shutdownAll();
  }

  @Test
  void aTransferTapsTheNewAgentAndTheEndUnregistersEveryTap() throws Exception {
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
        "taps-" + UUID.randomUUID(), "127.0.0.1", 30000 + new Random().nextInt(20000), List.of()), c -> { }));
    IMap<String, AudioTap> map = hz.getMap(MapNames.AUDIO_TAPS);
    List<OriginateAction> sent = new CopyOnWriteArrayList<>();
    AudioTaps taps = new AudioTaps(new AttuneConfig.AudioSocket("0.0.0.0", 9092, "10.0.0.5", true, List.of("127.0.0.1")), map, action -> {
      sent.add(action);
      ManagerResponse ok = new ManagerResponse();
      ok.setResponse("Success");
      return Future.succeededFuture(ok);
    });

    taps.onCallEvent(new CallEventMessage(new CallAnswered(CALL, Instant.now(), "PJSIP/agent1", "support", 3), null),
        new CallTracker.Legs("100.0", "100.1"));
    await(() -> sent.size() == 2 && map.size() == 2);
    assertThat(sent).extracting(OriginateAction::getData).containsExactlyInAnyOrder("100.1,qoESu", "100.0,qoESu");
    assertThat(sent).allSatisfy(a -> {
      assertThat(a.getChannel()).startsWith("AudioSocket/10.0.0.5:9092/");
      assertThat(a.getApplication()).isEqualTo("ChanSpy");
      assertThat(map.get(a.getChannel().substring(a.getChannel().lastIndexOf('/') + 1))).isNotNull();
    });

    taps.onCallEvent(new CallEventMessage(new CallTransferred(CALL, Instant.now(), TransferKind.BLIND, "PJSIP/agent1",
        "PJSIP/agent2", true), null), new CallTracker.Legs("100.0", "100.7"));
    await(() -> sent.size() == 3 && map.size() == 3);
    OriginateAction third = sent.get(2);
    assertThat(third.getData()).isEqualTo("100.7,qoESu");
    assertThat(third.getChannelId()).isNotIn(sent.get(0).getChannelId(), sent.get(1).getChannelId());
    AudioTap newAgent = map.get(third.getChannel().substring(third.getChannel().lastIndexOf('/') + 1));
    assertThat(newAgent.party()).isEqualTo(Party.AGENT);
    assertThat(newAgent.agent()).isEqualTo("PJSIP/agent2");

    taps.onCallEvent(new CallEventMessage(new CallAnswered(CALL, Instant.now(), "PJSIP/agent2", "support", 3), null),
        new CallTracker.Legs("100.0", "100.7"));
    taps.onCallEvent(new CallEventMessage(new CallEnded(CALL, Instant.now(), null), null), null);
    await(map::isEmpty);
    assertThat(sent).as("a call is tapped once").hasSize(3);
  }

  /** A real Atxfer (live trace 13): the agent who takes the customer over gets a tap of their own voice. */
  @Test
  void theTargetOfARealAttendedTransferIsTapped() throws Exception {
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
        "taps-" + UUID.randomUUID(), "127.0.0.1", 30000 + new Random().nextInt(20000), List.of()), c -> { }));
    List<OriginateAction> sent = new CopyOnWriteArrayList<>();
    IMap<String, AudioTap> map = hz.getMap(MapNames.AUDIO_TAPS);
    AudioTaps taps = new AudioTaps(new AttuneConfig.AudioSocket("0.0.0.0", 9092, "10.0.0.5", true, List.of("127.0.0.1")), map, action -> {
          sent.add(action);
          ManagerResponse ok = new ManagerResponse();
          ok.setResponse("Success");
          return Future.succeededFuture(ok);
        });
    CallTracker[] tracker = new CallTracker[1];
    tracker[0] = new CallTracker("", m -> taps.onCallEvent(m, tracker[0].legsOf(m.event().callId())));
    for (var event : org.asteriskjava.manager.internal.TraceEvents.read(java.nio.file.Path.of(
        System.getProperty("attune.project.dir"), "testdata", "ami-traces", "live", "13-attended-transfer.ami"))) {
      tracker[0].accept(event);
    }
    await(() -> sent.size() == 3);
    assertThat(sent).extracting(OriginateAction::getData).containsExactlyInAnyOrder(
        "1796195432.120,qoESu", "1796195432.119,qoESu", "1796195439.125,qoESu"); // agent1, customer, agent3
    OriginateAction third = sent.stream().filter(a -> a.getData().startsWith("1796195439.125")).findFirst()
        .orElseThrow();
    AudioTap agent3 = map.get(third.getChannel().substring(third.getChannel().lastIndexOf('/') + 1));
    assertThat(agent3.party()).isEqualTo(Party.AGENT);
    assertThat(agent3.agent()).isEqualTo("SIP/agent3");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", java.time.Duration.ofSeconds(10), condition);
  }

}
