package dev.attune.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Compare-and-replace on a real two-member cluster: writers on both members racing on one entry lose no change (the
 * entry ends as the sum of the changes that said they won), a step that declines changes nothing, a missing entry
 * is not created.
 */
class EntryUpdateTest {
  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stopMembers() {
    members.forEach(m -> m.getLifecycleService().shutdown());
  }

  private List<HazelcastInstance> cluster(int size) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("entry-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port));
    for (int i = 0; i < size; i++) {
      members.add(HazelcastNode.start(HazelcastNode.config(cluster, c -> {})));
    }
    return members;
  }

  @Test
  void racingWritersOnTwoMembersLoseNoChange() throws Exception {
    List<HazelcastInstance> hz = cluster(2);
    hz.get(0).<String, Integer>getMap("counts").set("calls", 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        IMap<String, Integer> map = hz.get(w % 2).getMap("counts");
        writers.add(pool.submit((Callable<int[]>) () -> {
          int[] outcome = new int[2]; // {won, gave up}
          for (int i = 0; i < 150; i++) {
            EntryUpdate.Result<Integer> r = EntryUpdate.apply(map, "calls", n -> n + 1);
            outcome[r.changed() ? 0 : 1]++;
            assertThat(r.changed() || r.contended()).as("a declined step is the only other outcome").isTrue();
          }
          return outcome;
        }));
      }
      int won = 0;
      for (Future<int[]> f : writers) {
        won += f.get()[0];
      }
      assertThat(won).isPositive();
      assertThat(hz.get(1).<String, Integer>getMap("counts").get("calls")).isEqualTo(won);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDecliningStepChangesNothingAndAMissingEntryIsNotMade() throws Exception {
    IMap<String, Integer> map = cluster(1).get(0).getMap("counts");
    map.set("calls", 7);
    EntryUpdate.Result<Integer> declined = EntryUpdate.apply(map, "calls", n -> null);
    assertThat(declined).isEqualTo(new EntryUpdate.Result<>(7, false, false));
    EntryUpdate.Result<Integer> missing = EntryUpdate.apply(map, "nobody", n -> n + 1);
    assertThat(missing).isEqualTo(new EntryUpdate.Result<>(null, false, false));
    assertThat(map.containsKey("nobody")).isFalse();
  }
}
