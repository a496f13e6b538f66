package dev.attune.assist.complaints;

import com.hazelcast.map.IMap;
import dev.attune.assist.commitments.CommitmentService;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.BusMessage;
import dev.attune.core.bus.ComplaintChange;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.complaints.Complaint;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.EntryUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps complaint records in IMap {@code complaints} and moves them on: drafted by the coach, then confirmed (with the
 * agent's kind, severity and summary) or discarded. Each move is an atomic {@code replace(id, old, new)}, so two
 * screens confirming at once confirm once. A confirmed complaint counts on the customer's profile and in
 * {@code callcenter_complaints_total}; a major one becomes the center's promise to reply within
 * {@code complaints.majorReplyHours} and alerts supervisors (seed 000: a direct line to management with a committed
 * reply time).
 */
public final class ComplaintDesk {
  private static final Logger log = LoggerFactory.getLogger(ComplaintDesk.class);

  /** What went wrong with a move, for the API to answer with. */
  public enum Refusal { NOT_FOUND, NOT_A_DRAFT, BUSY }

  /** A move's outcome: the record after it, or why it was refused. */
  public record Outcome(Complaint complaint, Refusal refusal) {}

  private final IMap<String, Complaint> map;
  private final IMap<String, CustomerProfile> customers;
  private final CommitmentService promises;
  private final Duration majorReply;
  private final Clock clock;
  private final BiConsumer<String, BusMessage> publish;
  private final MeterRegistry meters;
  private final CustomerKeys keys;

  /** {@code promises} may be null (commitments off): a major complaint then alerts without a tracked promise. */
  public ComplaintDesk(IMap<String, Complaint> map, IMap<String, CustomerProfile> customers,
                       CommitmentService promises, Duration majorReply, CustomerKeys keys, Clock clock,
                       BiConsumer<String, BusMessage> publish, MeterRegistry meters) {
    this.keys = keys;
    this.map = map;
    this.customers = customers;
    this.promises = promises;
    this.majorReply = majorReply;
    this.clock = clock;
    this.publish = publish;
    this.meters = meters;
  }

  public Optional<Complaint> get(String id) {
    return Optional.ofNullable(map.get(id));
  }

  /** Keeps a draft and puts it on the agent's screen. */
  public Complaint draft(Complaint draft) {
    map.set(draft.id(), draft);
    publish.accept(Addresses.COMPLAINTS, new ComplaintChange("drafted", draft));
    log.info("complaint {} drafted on call {} for agent {}: {} / {}", draft.id(), draft.callId(), draft.agent(),
        draft.category(), draft.severity());
    return draft;
  }

  /** A complaint the coach did not draft (an agent or supervisor records it by hand): kept, then confirmed. */
  public Complaint file(Complaint filed, String by) {
    map.set(filed.id(), filed);
    return confirm(filed.id(), filed.category(), filed.severity(), filed.summary(), by).complaint();
  }

  public Outcome confirm(String id, Complaint.Category category, Complaint.Severity severity, String summary,
                         String by) {
    Outcome done = move(id, c -> c.confirmed(category, severity, summary, by, clock.instant()));
    if (done.refusal() != null) {
      return done;
    }
    Complaint c = done.complaint();
    Counter.builder(MetricNames.COMPLAINTS).description("complaint records agents confirmed")
        .tag("queue", c.queue() == null ? "none" : c.queue()).tag("category", c.category().name())
        .tag("severity", c.severity().name()).register(meters).increment();
    String key = keys.key(c.customerNumber());
    if (!key.isEmpty()) {
      customers.executeOnKey(key, new ComplaintCounted(c.customerName()));
    }
    if (c.severity() == Complaint.Severity.MAJOR) {
      c = handToManagement(c);
    }
    publish.accept(Addresses.COMPLAINTS, new ComplaintChange("confirmed", c));
    log.info("complaint {} confirmed by {}: {} / {}", id, by, c.category(), c.severity());
    return new Outcome(c, null);
  }

  public Outcome discard(String id, String by) {
    Outcome done = move(id, c -> c.discarded(by, clock.instant()));
    if (done.refusal() == null) {
      publish.accept(Addresses.COMPLAINTS, new ComplaintChange("discarded", done.complaint()));
      log.info("complaint {} discarded by {}", id, by);
    }
    return done;
  }

  /** The center's reply promise and the supervisors' alert. */
  private Complaint handToManagement(Complaint c) {
    Instant due = c.confirmedAt().plus(majorReply);
    Commitment promise = promises == null ? null
        : promises.openForCenter(c.callId(), c.customerNumber(), c.customerName(), c.summary(), c.lang(), due);
    Complaint replied = c.withReply(due, promise == null ? null : promise.id(), clock.instant());
    map.set(replied.id(), replied);
    publish.accept(Addresses.ALERTS, Alert.majorComplaint(c.confirmedAt(), c.callId(), replied.commitmentId(), c.agent(),
        c.customerNumber(), due, c.summary()));
    return replied;
  }

  /** Drafts only: a confirmed or discarded complaint does not move again. */
  private Outcome move(String id, UnaryOperator<Complaint> step) {
    EntryUpdate.Result<Complaint> r = EntryUpdate.apply(map, id,
        current -> current.status() == Complaint.Status.DRAFT ? step.apply(current) : null);
    if (r.changed()) {
      return new Outcome(r.value(), null);
    }
    if (r.contended()) {
      log.warn("complaint {}: gave up after repeated concurrent updates", id);
      return new Outcome(r.value(), Refusal.BUSY);
    }
    return new Outcome(r.value(), r.value() == null ? Refusal.NOT_FOUND : Refusal.NOT_A_DRAFT);
  }
}
