package dev.attune.assist.coaching;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import dev.attune.assist.commitments.DetectedPromise;
import dev.attune.assist.complaints.ComplaintDesk;
import dev.attune.assist.complaints.ComplaintDraft;
import dev.attune.assist.guidance.CallCoach;
import dev.attune.assist.guidance.LiveRecall;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.HeardSegment;
import dev.attune.core.bus.Json;
import dev.attune.core.bus.SpeechFeatures;
import dev.attune.core.bus.TranscriptSegment;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallHeld;
import dev.attune.core.calls.CallResumed;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.guidance.ShownCard;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coaches live calls: one {@link CallCoach} per call, fed with its transcript segments, speech features and hold
 * changes, and its cards published on {@code Addresses.GUIDANCE} for the agent on the call (the web edge also shows
 * severe ones to supervisors). Supervisors are alerted ({@code Addresses.ALERTS}) of severe cards, of a customer
 * angry for {@code angryCustomerAfter}, and of the agent rising with an angry customer; the last two once per call,
 * which the call's coach remembers (it goes when the call ends).
 *
 * <p>Every member receives every segment, so each call is coached by exactly one member: the owner of the call's
 * partition (the same key as the live-call map). When that member dies its partitions move and the new owner picks
 * the call up, starting afresh (cool-downs and the checklist restart; nothing is double-counted). Deployed as a
 * worker verticle: its handlers run one at a time on a worker thread, so state needs no locks and the rules never
 * hold up an event loop.
 */
public final class CallCoaching extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(CallCoaching.class);
  private static final long TICK_MILLIS = 1000;

  private final HazelcastInstance hazelcast;
  private final Supplier<RulePacks> packs;
  private final Duration cooldown;
  private final Duration angryCustomerAfter;
  private final Clock clock;
  private final PromiseTaking promises;
  private final ComplaintDesk complaints;
  private final CustomerKeys keys;
  private final String defaultLanguage;
  private final MeterRegistry registry;
  private final IMap<String, ShownCard> shown;
  private final LiveRecall recall;
  private final Map<String, CallCoach> coaches = new HashMap<>();
  /** The latest snapshot of every live call (small; needed to address cards after a transfer). */
  private final Map<String, LiveCall> calls = new HashMap<>();
  private final List<MessageConsumer<?>> consumers = new java.util.ArrayList<>();
  private long ticker = -1;

  /**
   * {@code promises} may be null: then promises are not taken from speech (commitments off).
   * {@code angryCustomerAfter}: how long a customer stays angry before supervisors are alerted (zero: never).
   * {@code recall} may be null: then the phrase rules alone coach (the sentence model is off).
   */
  public CallCoaching(HazelcastInstance hazelcast, Supplier<RulePacks> packs, Duration cooldown,
                      Duration angryCustomerAfter, Clock clock, PromiseTaking promises, ComplaintDesk complaints,
                      CustomerKeys keys, String defaultLanguage, MeterRegistry registry, LiveRecall recall) {
    this.recall = recall;
    this.angryCustomerAfter = angryCustomerAfter;
    this.defaultLanguage = defaultLanguage;
    this.keys = keys;
    this.hazelcast = hazelcast;
    this.packs = packs;
    this.cooldown = cooldown;
    this.clock = clock;
    this.promises = promises;
    this.complaints = complaints;
    this.registry = registry;
    this.shown = hazelcast.getMap(MapNames.GUIDANCE_CARDS);
  }

  @Override
  public Future<?> start() {
    consumers.add(Bus.listen(vertx, Addresses.CALL_EVENTS, CallEventMessage.class, this::onCallEvent));
    consumers.add(Bus.listen(vertx, Addresses.TRANSCRIPTS, HeardSegment.class, this::onTranscript));
    consumers.add(Bus.listen(vertx, Addresses.SPEECH_FEATURES, SpeechFeatures.class, this::onFeatures));
    ticker = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(ticker);
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  private void onCallEvent(CallEventMessage message) {
    String callId = message.event().callId();
    if (message.event() instanceof CallEnded) {
      LiveCall call = calls.remove(callId);
      CallCoach coach = coaches.remove(callId);
      if (coach != null && call != null) {
        learn(call, coach);
        draftComplaint(call, coach);
      }
      return;
    }
    if (message.call() != null) {
      calls.put(callId, message.call());
    }
    if (message.event() instanceof CallHeld || message.event() instanceof CallResumed) {
      CallCoach coach = coachFor(callId);
      if (coach != null) {
        deliver(callId, coach.onHold(message.event() instanceof CallHeld));
      }
    }
  }

  /** The customer's profile learns the call's language and how they spoke (only this call's coach knows). */
  private void learn(LiveCall call, CallCoach coach) {
    String key = keys.key(call.caller());
    CallCoach.CallStyle style = coach.callStyle();
    if (key.isEmpty() || (coach.language() == null && Double.isNaN(style.customerTalkShare()))) {
      return;
    }
    hazelcast.<String, CustomerProfile>getMap(MapNames.CUSTOMERS)
        .submitToKey(key, new ProfileLearning(coach.language(), style, call.callerName()))
        .whenComplete((profile, e) -> {
          if (e != null) {
            log.warn("call {}: the customer's profile did not learn from it: {}", call.id(), e.toString());
          }
        });
  }

  /** A call that carried complaint cues leaves the agent a drafted complaint record to confirm at wrap-up. */
  private void draftComplaint(LiveCall call, CallCoach coach) {
    if (complaints == null || !coach.heardAComplaint()) {
      return;
    }
    try {
      complaints.draft(ComplaintDraft.of(call, coach.complaintNotes(), coach.language(), clock.instant()));
    } catch (RuntimeException e) { // the cluster is leaving: the call's coaching ends without its draft
      log.warn("call {}: complaint not drafted: {}", call.id(), e.toString());
    }
  }

  private void onTranscript(HeardSegment heard) {
    if (heard.segment() == null) {
      return;
    }
    String callId = heard.segment().callId();
    CallCoach coach = coachFor(callId);
    if (coach == null) {
      return;
    }
    TranscriptSegment segment = heard.segment();
    deliver(callId, coach.onTranscript(segment), heard.agent(), segment);
    alertLastingAnger(callId, coach, heard.agent());
    if (recall != null && segment.isFinal() && segment.party() != null && segment.text() != null) {
      // the model's cards follow the rules' a few milliseconds later, back on this verticle's context
      recall.segment(segment.text(), segment.party(), segment.lang()).thenAccept(recalled -> {
        if (!recalled.isEmpty()) {
          context.runOnContext(v -> {
            CallCoach still = coaches.get(callId); // the call may have ended meanwhile
            if (still != null) {
              deliver(callId, still.onRecalled(segment, recalled), heard.agent(), segment);
              alertLastingAnger(callId, still, heard.agent());
            }
          });
        }
      });
    }
    List<DetectedPromise> promised = promises == null ? List.of() : promises.detect(heard);
    if (!promised.isEmpty()) { // most segments promise nothing: only a promise costs a worker and a map write
      vertx.executeBlocking(() -> promises.take(heard, promised), false)
          .onSuccess(cards -> deliver(callId, cards, heard.agent(), heard.segment()))
          .onFailure(e -> log.warn("call {}: could not record a promise: {}", callId, e.toString()));
    }
  }

  private void onFeatures(SpeechFeatures features) {
    if (features.callId() == null) {
      return;
    }
    CallCoach coach = coachFor(features.callId());
    if (coach != null) {
      deliver(features.callId(), coach.onSpeech(features));
      alertLastingAnger(features.callId(), coach, null);
    }
  }

  private void tick() {
    coaches.keySet().removeIf(callId -> !coachedHere(callId)); // partitions moved to another member
    for (Map.Entry<String, CallCoach> entry : Map.copyOf(coaches).entrySet()) {
      deliver(entry.getKey(), entry.getValue().tick());
    }
  }

  /** This member's coach for the call, made on first use; null when another member coaches it. */
  private CallCoach coachFor(String callId) {
    if (!coachedHere(callId)) {
      return null;
    }
    return coaches.computeIfAbsent(callId, id -> new CallCoach(id, packs.get(), clock, cooldown, assumedLanguage(id)));
  }

  /** Before any words: the customer's language as their profile knows it, else the center's default. */
  private String assumedLanguage(String callId) {
    LiveCall call = calls.get(callId);
    String key = call == null ? "" : keys.key(call.caller());
    try {
      CustomerProfile profile = key.isEmpty() ? null
          : hazelcast.<String, CustomerProfile>getMap(MapNames.CUSTOMERS).get(key);
      String known = profile == null || profile.language() == null ? null
          : profile.language().strip().toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
      return known != null && packs.get().languages().contains(known) ? known : defaultLanguage;
    } catch (RuntimeException e) { // the cluster is busy or leaving: coach in the default language
      return defaultLanguage;
    }
  }

  private boolean coachedHere(String callId) {
    Partition partition = hazelcast.getPartitionService().getPartition(callId);
    Member owner = partition.getOwner();
    return owner != null && owner.localMember();
  }

  private void deliver(String callId, List<GuidanceItem> items) {
    deliver(callId, items, null, null);
  }

  /** A customer angry for {@code angryCustomerAfter} and more: supervisors are told once per call, with their words. */
  private void alertLastingAnger(String callId, CallCoach coach, String fallbackAgent) {
    if (angryCustomerAfter.isZero()) {
      return;
    }
    CallCoach.LastingAnger anger = coach.lastingAngerToReport(angryCustomerAfter);
    if (anger == null) {
      return;
    }
    LiveCall call = calls.get(callId);
    String agent = call != null && call.agent() != null ? call.agent() : fallbackAgent;
    Bus.publish(vertx, Addresses.ALERTS, Alert.angryCustomer(clock.instant(), callId, agent,
        call == null ? null : call.caller(), anger.words(), anger.seconds()));
    log.info("call {} agent {}: customer angry for {} s, supervisors alerted", callId, agent, (long) anger.seconds());
  }

  /**
   * To the call's agent now (a transfer moves the cards with the call), else {@code fallbackAgent}. Each card is
   * named and kept with what raised it ({@code said}, null for audio and timers) once it is on its way, so the
   * agent's verdict can find it; keeping it never holds up the card.
   */
  private void deliver(String callId, List<GuidanceItem> items, String fallbackAgent, TranscriptSegment said) {
    if (items.isEmpty()) {
      return;
    }
    LiveCall call = calls.get(callId);
    String agent = call != null && call.agent() != null ? call.agent() : fallbackAgent;
    for (GuidanceItem item : items) {
      GuidanceItem addressed = item.addressed(callId, agent, UUID.randomUUID().toString());
      Bus.publish(vertx, Addresses.GUIDANCE, addressed);
      if (item.severity() == GuidanceItem.Severity.SEVERE) { // a supervisor should know now, and still after a reload
        Bus.publish(vertx, Addresses.ALERTS, Alert.severeCard(item.at(), callId, agent,
            call == null ? null : call.caller(), item.title() + (item.evidence() == null ? ""
                : " — “" + item.evidence() + "”")));
      }
      CallCoach coach = coaches.get(callId);
      if (coach != null && coach.escalationToReport(item)) { // the agent rising with an angry customer, once a call
        Bus.publish(vertx, Addresses.ALERTS, Alert.agentEscalating(item.at(), callId, agent,
            call == null ? null : call.caller()));
      }
      shown.setAsync(addressed.id(), ShownCard.of(addressed, said == null ? null : said.text(),
          said == null ? null : said.lang())).whenComplete((ok, e) -> {
            if (e != null) {
              log.warn("call {}: card {} not kept: {}", callId, addressed.id(), e.toString());
            }
          });
      Counter.builder(MetricNames.GUIDANCE_ITEMS).description("guidance cards sent to agents")
          .tag("kind", item.kind().name()).tag("severity", item.severity().name()).tag("category", item.category() == null ? "none" : item.category())
          .register(registry).increment();
      log.debug("call {} agent {}: {} {} {}", callId, agent, item.severity(), item.kind(), item.category());
    }
  }
}
