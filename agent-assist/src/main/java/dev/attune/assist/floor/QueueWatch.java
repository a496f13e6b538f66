package dev.attune.assist.floor;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.Bus;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.calls.QueueTrend;
import dev.attune.core.cluster.OwnedJob;
import dev.attune.core.store.MapNames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every queue against its targets on one member of the cluster ({@link OwnedJob}) and raises a
 * {@code queue-breach} alert when a queue goes past one: the service level over the last 15 minutes, the oldest wait
 * now. One alert per breach: a queue that stays past its target is not alerted again until it has recovered. A new
 * owner after a failover starts without that memory and may alert once more for a breach still going on.
 */
public final class QueueWatch extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(QueueWatch.class);
  static final Duration EVERY = Duration.ofSeconds(5);
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);

  private final HazelcastInstance hazelcast;
  private final EndedCalls ended;
  private final QueueTargets targets;
  private final List<Integer> thresholds;
  private final Clock clock;
  private final QueueTargets.Ongoing breaches = new QueueTargets.Ongoing();
  private final AtomicBoolean watching = new AtomicBoolean();
  private OwnedJob job;
  private long timer = -1;
  private Instant lastSample; // touched on the watch's worker only (one look at a time)

  public QueueWatch(HazelcastInstance hazelcast, dev.attune.core.store.CallHistoryStore history, QueueTargets targets,
                    List<Integer> thresholds, Clock clock) {
    this.hazelcast = hazelcast;
    this.ended = new EndedCalls(hazelcast, history);
    this.targets = targets;
    this.thresholds = List.copyOf(thresholds);
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    // the job starts and stops on the lock holder's thread: the timer and the memory of breaches live on ours
    job = new OwnedJob(hazelcast, "queue-watch", () -> {
      context.runOnContext(v -> timer = vertx.setPeriodic(EVERY.toMillis(), t -> watch()));
      return () -> context.runOnContext(v -> {
        vertx.cancelTimer(timer);
        breaches.forget();
      });
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      job.close(); // the next member may take the watch over only now
      return null;
    });
  }

  /** A trend sample per queue once a minute (the first at once): waiting now, the service level over 15 minutes. */
  private void sample(Instant now, List<QueueFigures> window, List<QueueFigures.Now> current) {
    if (lastSample != null && now.isBefore(lastSample.plus(SAMPLE_EVERY))) {
      return;
    }
    lastSample = now;
    IMap<String, QueueTrend> trends = hazelcast.getMap(MapNames.QUEUE_TRENDS);
    java.util.Map<String, Integer> waiting = new java.util.HashMap<>();
    current.forEach(q -> waiting.put(q.queue(), q.waiting()));
    java.util.Set<String> queues = new java.util.TreeSet<>(waiting.keySet());
    window.forEach(q -> queues.add(q.queue()));
    for (String queue : queues) {
      Double sl = window.stream().filter(q -> q.queue().equals(queue)).findFirst()
          .map(q -> q.serviceLevel().get(targets.serviceLevelSeconds())).orElse(null);
      QueueTrend.Sample s = new QueueTrend.Sample(now, waiting.getOrDefault(queue, 0), sl);
      QueueTrend known = trends.get(queue);
      trends.set(queue, (known == null ? new QueueTrend(queue, List.of()) : known).with(s));
    }
  }

  private void watch() {
    if (!watching.compareAndSet(false, true)) {
      return; // the last look is still running
    }
    vertx.executeBlocking(() -> {
      Instant now = clock.instant();
      List<LiveCall> live = List.copyOf(hazelcast.<String, LiveCall>getMap(MapNames.LIVE_CALLS).values());
      List<QueueFigures> window = QueueFigures.of(now.minus(WINDOW), now, ended.since(now.minus(WINDOW)), live,
          thresholds);
      List<QueueFigures.Now> current = QueueFigures.now(now, live);
      sample(now, window, current);
      return targets.breaches(window, current);
    }, false).onComplete(done -> {
      watching.set(false);
      if (done.failed()) {
        log.warn("queue targets not checked: {}", done.cause().toString());
        return;
      }
      for (QueueTargets.Breach b : breaches.begun(done.result())) {
        log.info("queue {} past its {} target: {} (target {})", b.queue(), b.measure(), b.value(), b.target());
        Bus.publish(vertx, Addresses.ALERTS, Alert.queueBreach(clock.instant(), b.queue(), b.measure(), b.value(),
            b.target()));
      }
    });
  }
}
