package dev.attune.core.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import dev.attune.core.testing.FreePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commitments map's indexes on a real member: an indexed lookup finds exactly what reading the whole map would
 * (numbers written every way a PBX or an agent writes them), and it goes through the index.
 */
class CommitmentIndexTest {
  private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");
  private static final CommitmentStatus[] STATUSES = CommitmentStatus.values();
  private static HazelcastInstance member;
  private static IMap<String, Commitment> map;

  @BeforeAll
  static void start() {
    int port = FreePorts.one();
    member = HazelcastNode.start(HazelcastNode.config(new AttuneConfig.Cluster("index-" + UUID.randomUUID(),
        "127.0.0.1", port, List.of("127.0.0.1:" + port)), c -> { }));
    map = member.getMap(MapNames.COMMITMENTS);
    Random random = new Random(7);
    for (int i = 0; i < 3000; i++) {
      String number = written(random, 13800000000L + random.nextInt(400));
      Commitment c = new Commitment("c" + i, "pbx:" + i, number, "Customer " + i, "PJSIP/agent" + (101 + i % 7),
          "call back", "zh", NOW.minus(Duration.ofHours(3)), NOW.plus(Duration.ofMinutes(random.nextInt(600) - 300)),
          true, STATUSES[random.nextInt(STATUSES.length)], null, null, null, null, 0, null, null, NOW);
      map.set(c.id(), c);
    }
  }

  @AfterAll
  static void stop() {
    member.getLifecycleService().shutdown();
  }

  /** One mobile number as it reaches us from a trunk, a CRM or an agent's typing. */
  private static String written(Random r, long mobile) {
    return switch (r.nextInt(5)) {
      case 0 -> "+86" + mobile;
      case 1 -> "0086 " + mobile;
      case 2 -> String.valueOf(mobile);
      case 3 -> "+86 " + String.valueOf(mobile).replaceAll("(\\d{3})(\\d{4})(\\d{4})", "$1-$2-$3");
      default -> "86" + mobile;
    };
  }

  @Test
  void aLookupByNumberFindsWhatReadingTheWholeMapFindsAndUsesTheIndex() {
    long indexedBefore = map.getLocalMapStats().getIndexedQueryCount();
    Random random = new Random(11);
    for (int i = 0; i < 50; i++) {
      String asked = written(random, 13800000000L + random.nextInt(400));
      Set<String> indexed = map.values(CommitmentIndex.liveTo(asked)).stream()
          .filter(c -> PhoneNumbers.same(c.customerNumber(), asked)).map(Commitment::id).collect(Collectors.toSet());
      Set<String> scanned = map.values().stream()
          .filter(c -> c.status().live() && PhoneNumbers.same(c.customerNumber(), asked)).map(Commitment::id)
          .collect(Collectors.toSet());
      assertThat(indexed).as(asked).isEqualTo(scanned);
    }
    assertThat(map.getLocalMapStats().getIndexedQueryCount() - indexedBefore).isEqualTo(50);
  }

  @Test
  void theOpenOnesDueByAnInstantAndAnAgentsOnesAreWhatReadingTheWholeMapFinds() {
    Instant by = NOW.plus(Duration.ofMinutes(30));
    assertThat(map.keySet(CommitmentIndex.openDueBy(by))).isEqualTo(map.entrySet().stream()
        .filter(e -> e.getValue().status() == CommitmentStatus.OPEN && !e.getValue().dueAt().isAfter(by))
        .map(java.util.Map.Entry::getKey).collect(Collectors.toSet()));
    assertThat(map.values(CommitmentIndex.ofAgent("PJSIP/agent103")).stream().map(Commitment::id).sorted().toList())
        .isEqualTo(map.values().stream().filter(c -> "PJSIP/agent103".equals(c.agent())).map(Commitment::id)
            .sorted().toList());
    assertThat(map.keySet(CommitmentIndex.inStatus(CommitmentStatus.OVERDUE)))
        .hasSize((int) map.values().stream().filter(c -> c.status() == CommitmentStatus.OVERDUE).count());
  }

  /** Whatever two numbers {@link PhoneNumbers#same} matches shares the index's key: no promise is missed. */
  @Test
  void numbersThatAreTheSameShareTheirIndexKey() {
    Random random = new Random(3);
    int matched = 0;
    for (int i = 0; i < 20000; i++) {
      String a = randomNumber(random);
      String b = random.nextBoolean() ? randomNumber(random) : variant(a, random);
      if (PhoneNumbers.same(a, b)) {
        matched++;
        assertThat(CommitmentIndex.tail(a)).as(a + " ~ " + b).isEqualTo(CommitmentIndex.tail(b));
      }
    }
    assertThat(matched).isGreaterThan(5000);
  }

  private static String randomNumber(Random r) {
    StringBuilder sb = new StringBuilder(r.nextBoolean() ? "+" : r.nextBoolean() ? "00" : "0");
    int n = 6 + r.nextInt(9);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  /** The same number written otherwise: a country code or trunk zero before it, spaces and dashes in it. */
  private static String variant(String a, Random r) {
    String digits = a.replaceAll("\\D", "").replaceFirst("^0+", "");
    String prefix = switch (r.nextInt(4)) {
      case 0 -> "+86";
      case 1 -> "0";
      case 2 -> "00";
      default -> "";
    };
    return prefix + digits.replaceAll("(\\d{3})", "$1 ").strip();
  }
}
