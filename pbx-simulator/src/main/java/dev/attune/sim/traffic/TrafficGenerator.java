package dev.attune.sim.traffic;

import dev.attune.sim.ami.AmiMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Generates a whole seeded call-center run in memory, in virtual PBX time: the events a client would receive and what
 * each call was meant to be. Tests use it as an oracle; {@link #shuffle} reorders events of different channels the
 * way Asterisk's separate Stasis topics may, keeping each channel's own order.
 */
public final class TrafficGenerator {
  /** The events (in arrival order) and the intended record of every call that finished. */
  public record Run(List<AmiMessage> events, List<IntendedCall> calls) {}

  private TrafficGenerator() {}

  /**
   * @param calls   inbound calls offered
   * @param perMinute arrival rate (overlap grows with it)
   * @param start   PBX time of the first event, epoch seconds
   */
  public static Run generate(long seed, int calls, double perMinute, List<String> queues, int agents, double start) {
    return generate(seed, calls, perMinute, queues, agents, start, 0);
  }

  /** As above, every agent with its own {@code wrapuptime} of {@code wrapUpSeconds}. */
  public static Run generate(long seed, int calls, double perMinute, List<String> queues, int agents, double start,
                             int wrapUpSeconds) {
    PriorityQueue<double[]> order = new PriorityQueue<>(Comparator.<double[]>comparingDouble(a -> a[0])
        .thenComparingDouble(a -> a[1]));
    Map<Long, Runnable> work = new HashMap<>();
    double[] now = {start};
    long[] seq = {0};
    Scheduler virtual = new Scheduler() {
      @Override
      public double now() {
        return now[0];
      }

      @Override
      public void at(double time, Runnable task) {
        long id = seq[0]++;
        work.put(id, task);
        order.add(new double[] {Math.max(time, now[0]), id});
      }
    };
    List<AmiMessage> events = new ArrayList<>();
    CallCenterModel model = new CallCenterModel(virtual, events::add, seed, queues, agents, "", null, wrapUpSeconds);
    model.announceMembers();
    Random arrivals = new Random(seed ^ 0x5DEECE66DL);
    double t = start + 0.5;
    for (int i = 0; i < calls; i++) {
      virtual.at(t, model::newCall);
      t += -Math.log(1 - arrivals.nextDouble()) * 60.0 / perMinute;
    }
    while (!order.isEmpty()) {
      double[] next = order.poll();
      now[0] = next[0];
      work.remove((long) next[1]).run();
    }
    return new Run(events, List.copyOf(model.intended()));
  }

  /**
   * Reorders events of different channels that are less than {@code windowSeconds} apart; each channel's own
   * events (by Uniqueid) keep their order, and Timestamp headers keep the PBX's times.
   */
  public static List<AmiMessage> shuffle(List<AmiMessage> events, double windowSeconds, long seed) {
    Random random = new Random(seed);
    int n = events.size();
    double[] key = new double[n];
    Map<String, List<Integer>> byChannel = new HashMap<>();
    for (int i = 0; i < n; i++) {
      AmiMessage e = events.get(i);
      double ts = e.has("Timestamp") ? Double.parseDouble(e.get("Timestamp")) : 0;
      key[i] = ts + random.nextDouble() * windowSeconds;
      String uid = e.get("Uniqueid") != null ? e.get("Uniqueid") : e.get("DestUniqueid");
      byChannel.computeIfAbsent(uid == null ? "#" + i : uid, k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> idx : byChannel.values()) { // give each channel's events its jittered keys in its own order
      List<Double> keys = new ArrayList<>();
      idx.forEach(i -> keys.add(key[i]));
      keys.sort(Double::compare);
      for (int j = 0; j < idx.size(); j++) {
        key[idx.get(j)] = keys.get(j);
      }
    }
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      positions.add(i);
    }
    positions.sort(Comparator.comparingDouble(i -> key[i]));
    List<AmiMessage> out = new ArrayList<>(n);
    positions.forEach(i -> out.add(events.get(i)));
    return out;
  }
}
