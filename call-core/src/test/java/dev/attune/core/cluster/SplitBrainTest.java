package dev.attune.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.testing.Eventually;
import dev.attune.core.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split-brain protection for the cluster-once jobs (the AMI link): three members with {@code minimumMembers} 2, the
 * job first on the member in this JVM. The other two run in JVMs of their own and are frozen (SIGSTOP) one after the
 * other, which to the first member is a network cutting it off from them: with one other member still in sight it
 * keeps the job (a majority); alone it gives the job up and cannot take the lock again. Thawed, the two are the
 * majority and one of them runs the job; then Hazelcast merges the sides back into one cluster of three. Every
 * member's job holds a {@link SoleHolder} (as the one AMI session would be held), whose shared log shows whether two
 * ever ran it at once.
 */
class SplitBrainTest {
  private static final int DETECTION_SECONDS = AttuneConfig.Cluster.MIN_FENCED_FAILURE_DETECTION_SECONDS;
  private static final Duration WITHIN = Duration.ofSeconds(90);

  @TempDir
  Path jobDir;

  @Test
  void theMinorityGivesTheJobUpAndAfterTheHealOneMemberRunsItAndNeverTwo() throws Exception {
    int port = FreePorts.block(10);
    // every member's address, as a deployment lists its nodes: after the heal the lone side's master finds the
    // other side itself (with only the first address listed, only the other side could look, and it may not)
    List<String> members = List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1), "127.0.0.1:" + (port + 2));
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("split-" + UUID.randomUUID(), "127.0.0.1", port,
        members, DETECTION_SECONDS, 2);
    HazelcastInstance first = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    String firstId = first.getCluster().getLocalMember().getUuid().toString();
    OwnedJob job = new OwnedJob(first, "ami:pbx", () -> SoleHolder.take(jobDir, firstId));
    List<Process> others = new ArrayList<>();
    try {
      assertThat(ClusterQuorum.present(first)).as("alone, below the minimum: no job").isFalse();
      for (int i = 0; i < 2; i++) {
        others.add(member(cluster, port));
      }
      Eventually.until("three members", WITHIN, () -> first.getCluster().getMembers().size() == 3);
      Eventually.until("the job running on the first member", WITHIN, job::owned);
      for (Process other : others) { // only now, so the job starts here, where it is not frozen below
        send(other, "job");
      }

      freeze(others.get(1));
      Eventually.until("the frozen member gone", WITHIN, () -> first.getCluster().getMembers().size() == 2);
      assertThat(ClusterQuorum.present(first)).isTrue();
      assertThat(job.owned()).as("two of three: a majority keeps the job").isTrue();

      freeze(others.get(0));
      Eventually.until("the second frozen member gone", WITHIN, () -> first.getCluster().getMembers().size() == 1);
      Eventually.until("the job given up", WITHIN, () -> !job.owned() && holders().isEmpty());
      assertThat(ClusterQuorum.present(first)).isFalse();
      assertThat(SoleHolder.events(jobDir)).as("run once, here, and not taken again while alone")
          .containsExactly("start " + firstId, "stop " + firstId);

      others.forEach(SplitBrainTest::thaw);
      Eventually.until("the sides merged into one cluster of three, one of them running the job", WITHIN,
          () -> first.getCluster().getMembers().size() == 3 && holders().size() == 1);
      assertThat(SoleHolder.events(jobDir)).as("no member ever found the job held by another")
          .noneMatch(e -> e.startsWith("overlap"));
    } finally {
      job.close();
      others.forEach(Process::destroyForcibly);
      first.getLifecycleService().terminate();
    }
  }

  /** Who holds the job now, by the shared log (a start not yet followed by its stop). */
  private Set<String> holders() {
    Set<String> holding = new HashSet<>();
    try {
      for (String event : SoleHolder.events(jobDir)) {
        String who = event.substring(event.indexOf(' ') + 1);
        if (event.startsWith("start ")) {
          holding.add(who);
        } else if (event.startsWith("stop ")) {
          holding.remove(who);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return holding;
  }

  private Process member(AttuneConfig.Cluster cluster, int port) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Dhazelcast.logging.type=none",
        MemberProcess.class.getName(), cluster.name(), String.valueOf(port), String.join(",", cluster.members()),
        String.valueOf(DETECTION_SECONDS), "2", jobDir.toString()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("member up ")) {
        return p;
      }
    }
    throw new IllegalStateException("a member process did not start");
  }

  private static void send(Process p, String line) throws IOException {
    OutputStream in = p.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static void freeze(Process p) throws Exception {
    assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(p.pid())).start().waitFor()).isZero();
  }

  private static void thaw(Process p) {
    try {
      assertThat(new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).start().waitFor()).isZero();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
