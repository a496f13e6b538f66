package dev.attune.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentIndex;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.commitments.PhoneNumbers;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * The open-promise lookup every answered call and every routing question makes ("does this caller have a live
 * promise, and whose?"), at 100,000 promises on a real 2-member cluster: through the commitments map's index
 * ({@link CommitmentIndex#liveTo}) against, in the same run, reading the whole map and filtering, as before the
 * index. Both must find the same promises. Args: [promises] [lookups].
 */
public final class CommitmentLookupBench {
  private CommitmentLookupBench() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    int promises = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("bench-" + UUID.randomUUID(), "127.0.0.1", port,
        List.of("127.0.0.1:" + port));
    HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    HazelcastInstance b = HazelcastNode.start(HazelcastNode.config(cluster, c -> { }));
    String json;
    try {
      IMap<String, Commitment> map = a.getMap(MapNames.COMMITMENTS);
      Instant now = Instant.parse("2026-12-04T09:00:00Z");
      Random random = new Random(42);
      CommitmentStatus[] statuses = CommitmentStatus.values();
      java.util.Map<String, Commitment> batch = new java.util.HashMap<>();
      for (int i = 0; i < promises; i++) {
        String number = "+86" + (13000000000L + random.nextInt(50_000));
        batch.put("c" + i, new Commitment("c" + i, "pbx:" + i, number, "Customer", "PJSIP/agent" + (100 + i % 300),
            "call back", "zh", now, now.plus(Duration.ofMinutes(random.nextInt(2000))), true,
            statuses[random.nextInt(statuses.length)], null, null, null, null, 0, null, null, now));
        if (batch.size() == 5_000) {
          map.putAll(batch);
          batch.clear();
        }
      }
      map.putAll(batch);
      List<String> callers = new ArrayList<>();
      for (int i = 0; i < lookups; i++) {
        callers.add("0086 " + (13000000000L + random.nextInt(50_000)));
      }
      Function<String, List<String>> indexed = n -> map.values(CommitmentIndex.liveTo(n)).stream()
          .filter(c -> PhoneNumbers.same(c.customerNumber(), n)).map(Commitment::id).sorted().toList();
      Function<String, List<String>> scanned = n -> map.values().stream()
          .filter(c -> c.status().live() && PhoneNumbers.same(c.customerNumber(), n)).map(Commitment::id).sorted()
          .toList();
      int mismatches = 0;
      int found = 0;
      for (String n : callers.subList(0, Math.min(20, callers.size()))) { // warm-up, and the two must agree
        List<String> x = indexed.apply(n);
        mismatches += x.equals(scanned.apply(n)) ? 0 : 1;
        found += x.size();
      }
      double[] indexedMs = time(indexed, callers);
      double[] scannedMs = time(scanned, callers.subList(0, Math.min(20, callers.size())));
      System.out.printf(Locale.ROOT, "promises=%d lookups=%d%n", promises, lookups);
      System.out.printf(Locale.ROOT, "indexed: mean %.3f ms, p99 %.3f ms%n", indexedMs[0], indexedMs[1]);
      System.out.printf(Locale.ROOT, "whole-map read: mean %.1f ms, p99 %.1f ms%n", scannedMs[0], scannedMs[1]);
      json = String.format(Locale.ROOT, "{\"bench\":\"commitment-lookup\",\"promises\":%d,\"lookups\":%d,"
          + "\"indexedMeanMs\":%.3f,\"indexedP99Ms\":%.3f,\"scanMeanMs\":%.1f,\"scanP99Ms\":%.1f,\"speedup\":%.0f,"
          + "\"promisesFoundInCheck\":%d,\"mismatches\":%d}", promises, lookups, indexedMs[0], indexedMs[1],
          scannedMs[0], scannedMs[1], scannedMs[0] / indexedMs[0], found, mismatches);
    } finally {
      b.getLifecycleService().shutdown();
      a.getLifecycleService().shutdown();
    }
    System.out.println(json); // last line
  }

  /** Mean and p99 milliseconds of one lookup per caller. */
  private static double[] time(Function<String, List<String>> lookup, List<String> callers) {
    double[] ms = new double[callers.size()];
    for (int i = 0; i < callers.size(); i++) {
      long start = System.nanoTime();
      lookup.apply(callers.get(i));
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return new double[] {java.util.Arrays.stream(ms).average().orElse(0), ms[Math.min(ms.length - 1,
        (int) Math.ceil(ms.length * 0.99) - 1)]};
  }
}
