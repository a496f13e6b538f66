package dev.attune.assist.commitments;

import dev.attune.core.bus.CommitmentChange;
import dev.attune.core.bus.BusMessage;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.Addresses;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentStatus;
import dev.attune.core.commitments.PhoneNumbers;
import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import com.hazelcast.map.IMap;
import dev.attune.core.commitments.CommitmentIndex;
import dev.attune.core.store.EntryUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps promises in IMap {@code commitments} and moves them through their life. Every transition is an atomic
 * {@code IMap.replace(id, old, new)}: when two members race (a sweep on each, or a member dies mid-sweep and
 * its partitions move), exactly one replace wins and only the winner publishes, so each reminder and each
 * escalation fires once across the cluster and none is lost (the map keeps a backup of every entry).
 * Each member sweeps only the keys it owns ({@code localKeySet}), so the work is split, not repeated.
 */
public final class CommitmentService {
  private static final java.util.Comparator<Commitment> SOONEST_DUE_FIRST = java.util.Comparator.comparing(Commitment::dueAt);

  private static final Logger log = LoggerFactory.getLogger(CommitmentService.class);

  private final IMap<String, Commitment> map;
  private final Clock clock;
  private final CommitmentLifecycle lifecycle;
  private final BiConsumer<String, BusMessage> publish;
  private final MeterRegistry meters;
  private final DistributionSummary lateness;

  /** {@code publish(address, message)}: in the node, {@code Bus.publish}. */
  public CommitmentService(IMap<String, Commitment> map, Clock clock, CommitmentLifecycle lifecycle,
                           BiConsumer<String, BusMessage> publish, MeterRegistry meters) {
    this.map = map;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.publish = publish;
    this.meters = meters;
    this.lateness = DistributionSummary.builder(MetricNames.COMMITMENT_LATENESS).baseUnit("seconds")
        .description("How late kept promises were").publishPercentileHistogram()
        .register(meters);
    meters.gauge(MetricNames.COMMITMENTS_OVERDUE, map,
        m -> m.keySet(CommitmentIndex.inStatus(CommitmentStatus.OVERDUE)).size());
  }

  /** Records a detected promise as PROPOSED: the agent confirms or edits it on screen. */
  public Commitment propose(DetectedPromise p, String callId, String customerNumber, String customerName,
                            String agent) {
    Instant now = clock.instant();
    Commitment c = new Commitment(UUID.randomUUID().toString(), callId, customerNumber, customerName, agent,
        p.text(), p.lang(), now, p.deadline().due().toInstant(), p.deadline().stated(), CommitmentStatus.PROPOSED,
        null, null, null, null, 0, null, null, now);
    map.set(c.id(), c);
    event("proposed", c);
    log.info("commitment {} proposed on call {} for agent {} due {} (stated={})", c.id(), callId, agent, c.dueAt(),
        c.dueStated());
    return c;
  }

  /**
   * A promise of the center rather than of one agent (no {@code agent}: supervisors own it), open from the start: a
   * major complaint's reply. Reminded and escalated like any other, and kept by the next answered call with the
   * customer.
   */
  public Commitment openForCenter(String callId, String customerNumber, String customerName, String text, String lang,
                                  Instant due) {
    Instant now = clock.instant();
    Commitment c = new Commitment(UUID.randomUUID().toString(), callId, customerNumber, customerName, null, text, lang,
        now, due, true, CommitmentStatus.OPEN, null, null, null, null, 0, null, null, now);
    map.set(c.id(), c);
    Counter.builder(MetricNames.COMMITMENTS_OPENED).register(meters).increment();
    event("opened", c);
    log.info("commitment {} of the center opened on call {} due {}", c.id(), callId, due);
    return c;
  }

  /** The agent agreed it (optionally with an edited due): it becomes OPEN and counts as opened. */
  public Optional<Commitment> confirm(String id, Instant editedDue) {
    Optional<Commitment> done = transition(id, c -> {
      if (c.status() != CommitmentStatus.PROPOSED && c.status() != CommitmentStatus.OPEN) {
        return null;
      }
      Commitment d = editedDue != null ? c.withDue(editedDue, true, clock.instant()) : c;
      return d.withStatus(CommitmentStatus.OPEN, clock.instant());
    });
    done.ifPresent(c -> {
      Counter.builder(MetricNames.COMMITMENTS_OPENED).register(meters).increment();
      event("opened", c);
    });
    return done;
  }

  public Optional<Commitment> resolve(String id, String reason) {
    return close(id, CommitmentStatus.RESOLVED, "resolved", reason);
  }

  public Optional<Commitment> cancel(String id, String reason) {
    return close(id, CommitmentStatus.CANCELLED, "cancelled", reason);
  }

  private Optional<Commitment> close(String id, CommitmentStatus status, String resolution, String reason) {
    Optional<Commitment> done = transition(id,
        c -> c.status().finished() ? null : c.closed(status, resolution, reason, clock.instant()));
    done.ifPresent(c -> event(resolution, c));
    return done;
  }

  public Optional<Commitment> get(String id) {
    return Optional.ofNullable(map.get(id));
  }

  /** Live and proposed promises; {@code agent == null} means all (supervisors). */
  public List<Commitment> open(String agent) {
    return list(agent, false);
  }

  /** Promises of {@code agent} (null: all), finished ones too when {@code withFinished}, soonest due first. */
  public List<Commitment> list(String agent, boolean withFinished) {
    List<Commitment> out = new ArrayList<>();
    for (Commitment c : agent == null ? map.values() : map.values(CommitmentIndex.ofAgent(agent))) {
      if (withFinished || !c.status().finished()) {
        out.add(c);
      }
    }
    out.sort(SOONEST_DUE_FIRST);
    return out;
  }

  /** Unfinished promises of {@code agent} (null: all), soonest due first, then the {@code closed} last closed. */
  public List<Commitment> recent(String agent, int closed) {
    List<Commitment> out = new ArrayList<>();
    List<Commitment> finished = new ArrayList<>();
    // one read of the agent's promises (of the whole map for supervisors), split in two
    for (Commitment c : agent == null ? map.values() : map.values(CommitmentIndex.ofAgent(agent))) {
      (c.status().finished() ? finished : out).add(c);
    }
    out.sort(SOONEST_DUE_FIRST);
    finished.sort(java.util.Comparator.comparing(Commitment::updatedAt,
        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).reversed());
    out.addAll(finished.subList(0, Math.min(closed, finished.size())));
    return out;
  }

  /** Live promises to the customer at {@code number} (customer panel). */
  public List<Commitment> liveFor(String number) {
    List<Commitment> out = new ArrayList<>();
    for (Commitment c : map.values(CommitmentIndex.liveTo(number))) {
      if (PhoneNumbers.same(c.customerNumber(), number)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The customer called in on a live promise: the agent is told, and marks it kept/resolved by hand. */
  public void customerCalledIn(String number, String callId) {
    // every member's tracker hears the same answered call: the member owning the promise's key announces it, as the
    // sweep does for reminders (during a partition migration one card can be missed or doubled)
    java.util.Set<String> owned = map.localKeySet();
    for (Commitment c : liveFor(number)) {
      if (!owned.contains(c.id())) {
        continue;
      }
      publish.accept(Addresses.COMMITMENTS, new CommitmentChange("customer-called-in", callId, c));
    }
  }

  /** An answered call to/from {@code number}: keeps every live promise to that customer. */
  public List<Commitment> callAnswered(String number, String callId) {
    List<Commitment> kept = new ArrayList<>();
    for (Commitment c : map.values(CommitmentIndex.liveTo(number))) {
      Instant now = clock.instant();
      if (lifecycle.keptBy(c, number, callId, now).isEmpty()) {
        continue;
      }
      transition(c.id(), cur -> lifecycle.keptBy(cur, number, callId, now).orElse(null)).ifPresent(k -> {
        kept.add(k);
        Counter.builder(MetricNames.COMMITMENTS_KEPT).tag("on_time", String.valueOf(k.lateSeconds() == 0))
            .register(meters).increment();
        lateness.record(k.lateSeconds());
        event("kept", k);
        log.info("commitment {} kept by call {} ({}s late)", k.id(), callId, k.lateSeconds());
      });
    }
    return kept;
  }

  /** Fires due reminders and escalations for the keys this member owns. Returns how many fired here. */
  public int sweep() {
    try {
      return sweepOwnedKeys();
    } catch (com.hazelcast.splitbrainprotection.SplitBrainProtectionException e) {
      // the minority side of a split (cluster.minimumMembers): the majority reminds and escalates, once
      log.debug("commitment sweep skipped: {}", e.getMessage());
      return 0;
    }
  }

  private int sweepOwnedKeys() {
    int fired = 0;
    // only open promises due within the reminder window can fire: the index finds them, not a read of every key
    for (String id : map.localKeySet(CommitmentIndex.openDueBy(clock.instant().plus(lifecycle.remindBefore())))) {
      Instant now = clock.instant();
      Optional<Commitment> reminded = transition(id, c -> lifecycle.reminder(c, now).orElse(null));
      if (reminded.isPresent()) {
        fired++;
        event("reminder", reminded.get());
      }
      Optional<Commitment> escalated = transition(id, c -> lifecycle.escalation(c, now).orElse(null));
      if (escalated.isPresent()) {
        fired++;
        event("overdue", escalated.get());
        publish.accept(Addresses.ALERTS, alert(escalated.get()));
        log.info("commitment {} overdue: supervisor alerted", id);
      }
    }
    return fired;
  }

  /** One compare-and-replace change ({@link EntryUpdate}); {@code step} returns null when nothing applies. */
  private Optional<Commitment> transition(String id, UnaryOperator<Commitment> step) {
    EntryUpdate.Result<Commitment> r = EntryUpdate.apply(map, id, step);
    if (r.contended()) {
      log.warn("commitment {}: gave up after repeated concurrent updates", id);
    }
    return r.changed() ? Optional.of(r.value()) : Optional.empty();
  }

  private void event(String change, Commitment c) {
    publish.accept(Addresses.COMMITMENTS, new CommitmentChange(change, null, c));
  }

  private static Alert alert(Commitment c) {
    return Alert.overdue(c.escalatedAt(), c.id(), c.agent(), c.customerNumber(), c.dueAt(), c.text());
  }
}
