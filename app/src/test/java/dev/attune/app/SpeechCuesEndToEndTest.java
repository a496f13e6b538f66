package dev.attune.app;

import dev.attune.core.bus.Bus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.Party;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The default run's audio path, whole: the built-in simulator answers calls, the bridge starts both taps, the
 * simulator streams its speech clips to the node's AudioSocket server, and tone and pace features come out per party.
 */
class SpeechCuesEndToEndTest {

  @Test
  void simulatedCallsProduceSpeechFeaturesForAgentAndCustomer() throws Exception {
    try (TestCluster cluster = new TestCluster()) {
      Map<String, String> env = cluster.environment();
      env.put("ATTUNE_AMI_HOST", "");              // no PBX: the node starts its simulator
      env.put("ATTUNE_SIMULATOR_RATE", "30");
      env.put("ATTUNE_AUDIOSOCKET_PORT", "0"); // the OS picks; the node's bridge sends the PBX to the port bound
      AttuneNode node = cluster.startNode(env);
      List<SpeechFeatures> features = new CopyOnWriteArrayList<>();
      Bus.listen(node.vertx(), Addresses.SPEECH_FEATURES, SpeechFeatures.class, features::add);

      Eventually.await("speech features from both parties of a simulated call", Duration.ofSeconds(90),
          () -> features.size(), n -> java.util.Arrays.stream(Party.values()).allMatch(party ->
              features.stream().anyMatch(f -> f.party() == party && f.voiceActivity() > 0.2
                  && Double.isFinite(f.loudnessDbfs()) && Double.isFinite(f.pitchMedianHz())
                  && Double.isFinite(f.syllablesPerSecond()))));
      features.stream().filter(f -> f.voiceActivity() > 0).limit(12).forEach(f -> System.out.printf(
          java.util.Locale.ROOT, "%s %-8s va %.2f %.1f dBFS (%+.1f) F0 %.0f Hz (IQR %.1f st) %.1f syl/s share %.2f%n",
          f.callId(), f.party(), f.voiceActivity(), f.loudnessDbfs(), f.loudnessVsBaselineDb(), f.pitchMedianHz(),
          f.pitchVariability(), f.syllablesPerSecond(), f.talkShare()));
      SpeechFeatures any = features.stream().filter(f -> f.voiceActivity() > 0).findFirst().orElseThrow();
      assertThat(features).filteredOn(f -> f.callId().equals(any.callId()))
          .extracting(SpeechFeatures::party).contains(Party.AGENT, Party.CUSTOMER);
    }
  }
}
