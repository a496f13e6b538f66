package dev.attune.assist.commitments;

import dev.attune.core.calendar.BusinessCalendar;
import dev.attune.core.bus.Bus;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/**
 * The commitments capability of one node, built from config: the detector (for the analyze service), the
 * service, the tracker verticle (deploy it; it is also the customer panel's {@code OpenPromises}) and the routes.
 */
public record CommitmentCapability(FollowUpPromiseDetector detector, CommitmentService service,
                                   CommitmentTracker tracker, CommitmentRoutes routes) {

  /** How often each member sweeps its own commitments for due reminders and escalations. */
  public static final Duration SWEEP_EVERY = Duration.ofSeconds(15);

  public static CommitmentCapability create(AttuneConfig config, HazelcastInstance hazelcast, Vertx vertx,
                                            MeterRegistry meters, Clock clock) {
    AttuneConfig.Commitments c = config.commitments();
    PromiseDeadlineParser parser = new PromiseDeadlineParser(BusinessCalendar.of(c),
        Duration.ofHours(c.defaultDueHours()));
    CommitmentService service = new CommitmentService(hazelcast.getMap(MapNames.COMMITMENTS), clock,
        new CommitmentLifecycle(Duration.ofMinutes(c.remindMinutesBefore())),
        (address, message) -> Bus.publish(vertx, address, message), meters);
    return new CommitmentCapability(new FollowUpPromiseDetector(parser), service,
        new CommitmentTracker(service, SWEEP_EVERY), new CommitmentRoutes(service));
  }
}
