package dev.attune.bench;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import dev.attune.core.calls.CallState;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.cluster.HazelcastNode;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live-call map at 10,000 concurrent calls on a real 2-member Hazelcast cluster (backup-count 1, records stored as
 * JSON by JsonRecordSerializer): operations per second (each op = get + set of a changed call, as the bridge does on
 * an event) and heap bytes per live call (owned entry cost on a member, plus its backup copy elsewhere). Baseline in
 * the same run: a plain ConcurrentHashMap of the same records (heap measured by used-heap delta after GC).
 * Goal: at most 8 KB per live call. Args: [calls] [ops].
 */
public final class LiveCallMapBench {
  private LiveCallMapBench() {}

  private static LiveCall call(int i, Instant t, CallState state) {
    return new LiveCall("pbx:" + (1700000000 + i) + ".1", (1700000000 + i) + ".1", "+1555" + (1000000 + i),
        "Caller " + i, Direction.INBOUND, "support", state == CallState.ANSWERED ? "SIP/agent" + (i % 200) : null,
        state, t, t, state == CallState.ANSWERED ? t.plusSeconds(7) : null, null, 0, 0, 0, t);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double opsPerSecond(Map<String, LiveCall> map, int calls, int ops, Instant t) {
    long start = System.nanoTime();
    for (int n = 0; n < ops; n++) {
      int i = n % calls;
      String key = "pbx:" + (1700000000 + i) + ".1";
      LiveCall current = map.get(key);
      CallState next = current.state() == CallState.QUEUED ? CallState.ANSWERED : CallState.QUEUED;
      map.put(key, call(i, t.plusSeconds(n), next));
    }
    return ops / ((System.nanoTime() - start) / 1e9);
  }

  public static void main(String[] args) {
    // only the figures matter; keep Hazelcast quiet whatever logback configuration is on the path
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Instant t = Instant.parse("2026-11-23T07:00:00Z");

    // baseline: ConcurrentHashMap
    long before = usedHeap();
    Map<String, LiveCall> chm = new ConcurrentHashMap<>();
    for (int i = 0; i < calls; i++) {
      LiveCall c = call(i, t, CallState.QUEUED);
      chm.put(c.id(), c);
    }
    long chmBytes = Math.max(0, usedHeap() - before);
    opsPerSecond(chm, calls, ops / 4, t); // warm-up
    double chmOps = opsPerSecond(chm, calls, ops, t);

    AttuneConfig.Cluster cluster = new AttuneConfig.Cluster("bench-" + UUID.randomUUID(), "127.0.0.1", 17701,
        List.of("127.0.0.1:17701"));
    HazelcastInstance a = HazelcastNode.start(HazelcastNode.config(cluster, c -> {}));
    HazelcastInstance b = HazelcastNode.start(HazelcastNode.config(cluster, c -> {}));
    String json;
    try {
      IMap<String, LiveCall> live = a.getMap(MapNames.LIVE_CALLS);
      long hzBefore = usedHeap();
      for (int i = 0; i < calls; i++) {
        LiveCall c = call(i, t, CallState.QUEUED);
        live.set(c.id(), c);
      }
      long hzHeapDelta = Math.max(0, usedHeap() - hzBefore); // both members live in this JVM: owned + backup
      long cost = 0;
      for (HazelcastInstance m : List.of(a, b)) {
        LocalMapStats s = m.getMap(MapNames.LIVE_CALLS).getLocalMapStats();
        cost += s.getOwnedEntryMemoryCost() + s.getBackupEntryMemoryCost();
      }
      opsPerSecond(live, calls, ops / 4, t); // warm-up
      double hzOps = opsPerSecond(live, calls, ops, t);

      double hzPerCall = (double) hzHeapDelta / calls;
      double statsPerCall = (double) cost / calls;
      double chmPerCall = (double) chmBytes / calls;
      System.out.printf(Locale.ROOT, "calls=%d ops=%d%n", calls, ops);
      System.out.printf(Locale.ROOT, "hazelcast IMap (2 members, backup 1): %.0f ops/s, %.0f heap bytes/call"
          + " (owned+backup, %.0f by map stats)%n", hzOps, hzPerCall, statsPerCall);
      System.out.printf(Locale.ROOT, "baseline ConcurrentHashMap: %.0f ops/s, %.0f heap bytes/call%n", chmOps,
          chmPerCall);
      json = String.format(Locale.ROOT, "{\"bench\":\"live-call-map\",\"calls\":%d,\"ops\":%d,\"imapOpsPerSec\":%.0f,"
          + "\"imapHeapBytesPerCall\":%.0f,\"imapStatsBytesPerCall\":%.0f,\"baselineOpsPerSec\":%.0f,"
          + "\"baselineHeapBytesPerCall\":%.0f,\"goalBytesPerCall\":8192,\"withinGoal\":%b}",
          calls, ops, hzOps, hzPerCall, statsPerCall, chmOps, chmPerCall, hzPerCall <= 8192);
    } finally {
      Hazelcast.shutdownAll();
    }
    System.out.println(json); // last line
  }
}
