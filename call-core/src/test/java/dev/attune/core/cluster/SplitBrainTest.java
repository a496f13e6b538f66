package dev.attune.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.testing.Eventually;
import dev.attune.core.testing.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Split-brain protection for the cluster-once jobs (the AMI link): three members with {@code minimumMembers} 2, the
 * job on the first. The other two run in JVMs of their own and are frozen (SIGSTOP) one after the other, which to the
 * first member is a network cutting it off from them: with one other member still in sight it keeps the job (a
 * majority); alone it gives the job up and cannot take the lock again, so a majority elsewhere could run it with no
 * second owner.
 */
class SplitBrainTest {
  private static final int DETECTION_SECONDS = 4;
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @Test
  void theMinoritySideGivesTheJobUpAndTheMajoritySideKeepsIt() throws Exception {
    int port = FreePorts.block(10);
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("split-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port), DETECTION_SECONDS, 2);
    HazelcastInstance first = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger stopped = new AtomicInteger();
    OwnedJob job = new OwnedJob(first, "ami:pbx", () -> {
      running.incrementAndGet();
      return stopped::incrementAndGet;
    });
    List<Process> others = new ArrayList<>();
    try {
      assertThat(ClusterQuorum.present(first)).as("alone, below the minimum: no job").isFalse();
      for (int i = 0; i < 2; i++) {
        others.add(member(cluster, port));
      }
      Eventually.until("three members", WITHIN, () -> first.getCluster().getMembers().size() == 3);
      Eventually.until("the job running on the first member", WITHIN, job::owned);
      assertThat(running.get()).isEqualTo(1);

      freeze(others.get(1));
      Eventually.until("the frozen member gone", WITHIN, () -> first.getCluster().getMembers().size() == 2);
      assertThat(ClusterQuorum.present(first)).isTrue();
      assertThat(job.owned()).as("two of three: a majority keeps the job").isTrue();
      assertThat(stopped.get()).isZero();

      freeze(others.get(0));
      Eventually.until("the second frozen member gone", WITHIN, () -> first.getCluster().getMembers().size() == 1);
      Eventually.until("the job given up", WITHIN, () -> !job.owned() && stopped.get() == 1);
      assertThat(ClusterQuorum.present(first)).isFalse();
      assertThat(running.get()).as("not taken again while alone").isEqualTo(1);
    } finally {
      job.close();
      others.forEach(Process::destroyForcibly);
      first.getLifecycleService().terminate();
    }
  }

  private static Process member(AttuneConfig.Cluster cluster, int port) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Dhazelcast.logging.type=none",
        MemberProcess.class.getName(), cluster.name(), String.valueOf(port), "127.0.0.1:" + port,
        String.valueOf(DETECTION_SECONDS), "2").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("member up ")) {
        return p;
      }
    }
    throw new IllegalStateException("a member process did not start");
  }

  private static void freeze(Process p) throws Exception {
    assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(p.pid())).start().waitFor()).isZero();
  }
}
