package dev.attune.bridge.calls;

import dev.attune.core.calls.CallAbandoned;
import dev.attune.core.calls.CallAnswered;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallEvent;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CallResumed;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Service-speed meters, recorded once per call event at the source (only the node that owns the AMI link sees
 * events, so a cluster never counts twice). Durations are the PBX's. The queue-wait histogram's buckets are the
 * configured service-level thresholds, so "answered within 20 s" is an exact bucket in Prometheus.
 */
public final class CallMetrics {
  private final MeterRegistry registry;
  private final Duration[] serviceLevels;
  private final Supplier<Collection<LiveCall>> live;
  private final Map<String, Boolean> queuesWithGauges = new ConcurrentHashMap<>();

  public CallMetrics(MeterRegistry registry, List<Integer> serviceLevelSeconds, Supplier<Collection<LiveCall>> live) {
    this.registry = registry;
    this.serviceLevels = serviceLevelSeconds.stream().map(Duration::ofSeconds).toArray(Duration[]::new);
    this.live = live;
    Gauge.builder(MetricNames.CALLS_LIVE, () -> live.get().size()).description("Calls in progress")
        .register(registry);
  }

  public void record(CallEvent event, LiveCall call) {
    String queue = call != null && call.queue() != null ? call.queue() : "none";
    if (event instanceof dev.attune.core.calls.CallQueued q) { // offered = entered a queue
      queueGauges(q.queue());
      Counter.builder(MetricNames.CALLS_OFFERED).tag("queue", q.queue()).register(registry).increment();
    } else if (event instanceof CallAnswered a) {
      Counter.builder(MetricNames.CALLS_ANSWERED).tag("queue", queue).register(registry).increment();
      if (call != null && call.queuedAt() != null) {
        waitTimer(queue, "answered").record(Duration.between(call.queuedAt(), a.at()));
      }
    } else if (event instanceof CallAbandoned a) {
      Counter.builder(MetricNames.CALLS_ABANDONED).tag("queue", queue).register(registry).increment();
      waitTimer(queue, "abandoned").record(Duration.ofSeconds(a.waitSeconds()));
    } else if (event instanceof CallResumed r) {
      Timer.builder(MetricNames.CALL_HOLD).tag("queue", queue).register(registry)
          .record(Duration.ofMillis(r.heldMillis()));
    } else if (event instanceof CallEnded e) {
      CallRecord rec = e.record();
      String q = rec.queue() != null ? rec.queue() : "none";
      Counter.builder(MetricNames.CALLS_ENDED).tag("queue", q).tag("outcome", rec.outcome().name().toLowerCase())
          .register(registry).increment();
      if (rec.answeredAt() != null) {
        Timer.builder(MetricNames.CALL_TALK).tag("queue", q).register(registry)
            .record(Duration.ofSeconds(rec.talkSeconds()));
        // Handle time = talk (which already includes hold); after-call work is not visible on AMI.
        Timer.builder(MetricNames.CALL_HANDLE).tag("queue", q).register(registry)
            .record(Duration.ofSeconds(rec.talkSeconds()));
      }
    }
  }

  private Timer waitTimer(String queue, String outcome) {
    return Timer.builder(MetricNames.QUEUE_WAIT).description("Queue wait before answer or abandon")
        .tag("queue", queue).tag("outcome", outcome).serviceLevelObjectives(serviceLevels).register(registry);
  }

  private void queueGauges(String queue) {
    if (queuesWithGauges.putIfAbsent(queue, Boolean.TRUE) != null) {
      return;
    }
    Gauge.builder(MetricNames.QUEUE_WAITING, () -> waiting(queue).count()).tag("queue", queue)
        .description("Callers waiting in the queue").register(registry);
    Gauge.builder(MetricNames.QUEUE_OLDEST_WAIT, () -> waiting(queue).mapToLong(c ->
            Duration.between(c.queuedAt(), Instant.now()).toSeconds()).max().orElse(0))
        .tag("queue", queue).baseUnit("seconds").description("Longest current wait in the queue").register(registry);
  }

  private java.util.stream.Stream<LiveCall> waiting(String queue) {
    return live.get().stream().filter(c -> queue.equals(c.queue()) && c.queuedAt() != null && c.answeredAt() == null);
  }
}
