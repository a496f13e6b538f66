package dev.attune.assist.audio;

import dev.attune.core.bus.Bus;
import dev.attune.core.bus.SpeechFeatures;

import static dev.attune.assist.audio.AudioSocketServerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.calls.CallHeld;
import dev.attune.core.calls.Party;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole audio path on one node: the real Asterisk captures of run G (agent and customer taps, identified by their
 * UUIDs in a real Hazelcast map) over TCP into {@link SpeechAnalytics}, out as {@link SpeechFeatures} on the bus;
 * a CallHeld on the call-events address pauses the analysis.
 */
class SpeechAnalyticsTest {
  private static final Path RUN = Path.of(System.getProperty("attune.project.dir"), "testdata", "audio-taps",
      "G-recommended-uniqueid-qoESu");
  private static final String CALL = "pbx:1795409026.0";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
    Hazelcast.shutdownAll();
  }

  @Test
  void capturedTapsBecomeFeaturesForBothPartiesAndHoldPausesThem() throws Exception {
    HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster(
        "speech-" + UUID.randomUUID(), "127.0.0.1", 30000 + new Random().nextInt(20000), List.of()), c -> { }));
    hz.getMap(MapNames.AUDIO_TAPS).put("58645e6e-aa02-40bb-b4ec-8f4c12942cf6",
        new AudioTap("58645e6e-aa02-40bb-b4ec-8f4c12942cf6", CALL, Party.AGENT, "SIP/agent1", "1795409026.1"));
    hz.getMap(MapNames.AUDIO_TAPS).put("0f4546a6-cab4-4633-b024-cec11fbc6b67",
        new AudioTap("0f4546a6-cab4-4633-b024-cec11fbc6b67", CALL, Party.CUSTOMER, "SIP/agent1", "1795409026.0"));
    List<SpeechFeatures> features = new CopyOnWriteArrayList<>();
    Bus.start(vertx).await(10, TimeUnit.SECONDS);
    Bus.listen(vertx, Addresses.SPEECH_FEATURES, SpeechFeatures.class, features::add)
        .completion().await(10, TimeUnit.SECONDS);
    SpeechAnalytics analytics = new SpeechAnalytics(new AttuneConfig.AudioSocket("127.0.0.1", 0, "127.0.0.1", true, List.of("127.0.0.1")),
        new HazelcastTapDirectory(hz), new SimpleMeterRegistry(), System::currentTimeMillis);
    vertx.deployVerticle(analytics).await(10, TimeUnit.SECONDS);

    try (Socket agent = new Socket("127.0.0.1", analytics.port());
         Socket customer = new Socket("127.0.0.1", analytics.port())) {
      send(agent.getOutputStream(), Files.readAllBytes(RUN.resolve("agent-tap.bin")));
      send(customer.getOutputStream(), Files.readAllBytes(RUN.resolve("customer-tap.bin")));
      await(() -> features.stream().anyMatch(f -> f.party() == Party.AGENT && f.voiceActivity() > 0)
          && features.stream().anyMatch(f -> f.party() == Party.CUSTOMER && f.voiceActivity() > 0));
      for (Party party : Party.values()) {
        SpeechFeatures f = features.stream().filter(x -> x.party() == party && x.voiceActivity() > 0)
            .findFirst().orElseThrow();
        assertThat(f.callId()).isEqualTo(CALL);
        assertThat(f.loudnessDbfs()).as("%s loudness", party).isBetween(-60.0, 0.0);
        assertThat(f.pitchMedianHz()).as("%s pitch", party).isBetween(60.0, 400.0);
        assertThat(f.syllablesPerSecond()).as("%s rate", party).isBetween(1.0, 10.0);
        assertThat(f.onHold()).isFalse();
      }
      // both parties talk in the capture, so once both streams are analysed neither has all the talk
      await(() -> features.stream().anyMatch(f -> f.party() == Party.AGENT && f.talkShare() > 0.05
          && f.talkShare() < 0.95));

      Bus.publish(vertx, Addresses.CALL_EVENTS,
          new CallEventMessage(new CallHeld(CALL, Instant.now(), "SIP/agent1"), null));
      int seen = features.size();
      await(() -> features.size() > seen + 2 && features.get(features.size() - 1).onHold());
    }
  }

  /** The capture as Asterisk sent it, in TCP-sized pieces. */
  private static void send(OutputStream out, byte[] capture) throws Exception {
    for (int i = 0; i < capture.length; i += 1_400) {
      out.write(capture, i, Math.min(1_400, capture.length - i));
    }
    out.flush();
  }
}
