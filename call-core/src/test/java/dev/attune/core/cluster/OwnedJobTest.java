package dev.attune.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OwnedJobTest {
  @AfterEach
  void shutdown() {
    Hazelcast.shutdownAll();
  }

  private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
    dev.attune.core.testing.Eventually.until("the condition", within, condition);
  }


  @Test
  void jobRunsOnExactlyOneOfThreeMembersAndMovesWithinFiveSecondsWhenItsMemberDies() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) { // no fixed port: runs side by side agree
      port = free.getLocalPort();
    }
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("owned-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port));
    List<HazelcastInstance> members = new ArrayList<>();
    List<OwnedJob> jobs = new ArrayList<>();
    AtomicInteger running = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      HazelcastInstance hz = HazelcastNode.start(HazelcastNode.config(cluster, c -> {}));
      members.add(hz);
      jobs.add(new OwnedJob(hz, "reminders", () -> {
        running.incrementAndGet();
        return running::decrementAndGet;
      }));
    }
    assertThat(members.get(0).getCluster().getMembers()).hasSize(3);
    await(() -> jobs.stream().filter(OwnedJob::owned).count() == 1, Duration.ofSeconds(5));
    assertThat(running.get()).isEqualTo(1);

    int owner = jobs.indexOf(jobs.stream().filter(OwnedJob::owned).findFirst().orElseThrow());
    members.get(owner).getLifecycleService().terminate();
    long killedAt = System.nanoTime();
    await(() -> jobs.stream().filter(j -> j != jobs.get(owner)).filter(OwnedJob::owned).count() == 1,
        Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
    await(() -> running.get() == 1, Duration.ofSeconds(5)); // the dead member's job stopped, the new one runs
    for (OwnedJob j : jobs) {
      j.close();
    }
  }
}
