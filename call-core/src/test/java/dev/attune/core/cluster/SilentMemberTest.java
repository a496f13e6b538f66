package dev.attune.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.testing.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host lost without a word: the other member runs in a JVM of its own, frozen with SIGSTOP, so its sockets stay
 * open and only its heartbeats stop (as with a pulled cable or a hung VM). It is taken for dead after
 * {@code cluster.failureDetectionSeconds}, not after Hazelcast's default minute.
 */
class SilentMemberTest {
  private static final int DETECTION_SECONDS = 5;

  @Test
  void aFrozenMemberIsTakenForDeadAfterTheConfiguredSecondsNotAMinute() throws Exception {
    int port = FreePorts.block(10);
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("silent-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port), DETECTION_SECONDS);
    HazelcastInstance here = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Dhazelcast.logging.type=none",
        MemberProcess.class.getName(), cluster.name(), String.valueOf(port), "127.0.0.1:" + port,
        String.valueOf(DETECTION_SECONDS)).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("member up ")) {
        // its start-up talk
      }
      assertThat(line).as("the other member started").isNotNull();
      UUID otherId = UUID.fromString(line.substring("member up ".length()).strip());
      assertThat(here.getCluster().getMembers()).extracting(m -> m.getUuid()).contains(otherId);

      CompletableFuture<Long> removedAt = new CompletableFuture<>();
      here.getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent e) { }

        @Override
        public void memberRemoved(MembershipEvent e) {
          if (e.getMember().getUuid().equals(otherId)) {
            removedAt.complete(System.nanoTime());
          }
        }
      });
      long frozenAt = System.nanoTime();
      assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(other.pid())).start().waitFor()).isZero();
      // a minute would be Hazelcast's default; the configured bound plus heartbeat and suspicion slack is far less
      Duration took = Duration.ofNanos(removedAt.get(45, TimeUnit.SECONDS) - frozenAt);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(DETECTION_SECONDS - 1))
          .isLessThan(Duration.ofSeconds(30));
    } finally {
      other.destroyForcibly();
      here.getLifecycleService().terminate();
    }
  }
}
