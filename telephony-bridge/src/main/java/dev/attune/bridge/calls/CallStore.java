package dev.attune.bridge.calls;

import dev.attune.core.commitments.CustomerKeys;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.LiveCall;
import dev.attune.bridge.survey.SurveyResults;
import dev.attune.core.store.MapNames;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the tracker says to the cluster: the live call after each event ({@code calls.live}), and when a call
 * ends its record ({@code calls.history}, written through to the database), the live entry's removal and the
 * customer's profile. Writes never block the tracker's thread; every one that fails is logged with its call, and
 * {@link #flush} lets a leaving owner wait for the records still on their way. On the minority side of a split the
 * data grid refuses them ({@code ClusterQuorum}): the majority's owner resyncs those calls from the PBX.
 */
public final class CallStore {
  private static final Logger log = LoggerFactory.getLogger(CallStore.class);

  private final IMap<String, LiveCall> live;
  private final IMap<String, CallRecord> history;
  private final IMap<String, CustomerProfile> customers;
  private final Set<CompletableFuture<?>> writing = ConcurrentHashMap.newKeySet();
  private final HazelcastInstance hazelcast;
  private final CustomerKeys keys;

  /** {@code keys}: the customer key each record's profile is kept under. */
  public CallStore(HazelcastInstance hazelcast, CustomerKeys keys) {
    this.hazelcast = hazelcast;
    this.keys = keys;
    this.live = hazelcast.getMap(MapNames.LIVE_CALLS);
    this.history = hazelcast.getMap(MapNames.CALL_HISTORY);
    this.customers = hazelcast.getMap(MapNames.CUSTOMERS);
  }

  public void write(CallEventMessage message) {
    LiveCall call = message.call();
    if (message.event() instanceof CallEnded ended) {
      CallRecord record = ended.record();
      CompletionStage<Void> recorded = history.setAsync(record.id(), record);
      track("the record of", record.id(), recorded
          .thenCompose(v -> SurveyResults.attachTo(hazelcast, record.id())) // a caller who rated before this
          .thenCompose(v -> live.removeAsync(record.id())));
      String key = keys.key(record.caller());
      if (!key.isEmpty()) { // only a call whose record was taken counts on the profile (a fenced owner's is refused)
        track("the customer profile for", record.id(), recorded.thenCompose(v -> customers.submitToKey(key,
            new CustomerUpdate(record, call == null ? "" : call.callerName()))));
      }
    } else if (call != null) {
      track("the live state of", call.id(), live.setAsync(call.id(), call));
    }
  }

  /** What a new AMI owner finds in the cluster: calls to resync, and calls whose record is already written. */
  public record Inherited(List<LiveCall> live, List<String> recorded) {}

  /**
   * Calls another member was tracking stay live until the resync says whether the PBX still has them; one whose
   * record exists was ended by an owner that died before it dropped the live entry: ending it again would write a
   * second record (ENDED_DURING_OUTAGE over the real outcome), so it is only cleared. Blocks: run it on a worker.
   */
  public Inherited inherit() {
    List<LiveCall> known = new ArrayList<>();
    List<String> recorded = new ArrayList<>();
    Collection<LiveCall> listed = live.values();
    // one getAll: history loads by key from the database, and Hazelcast loads the partitions in parallel
    Set<String> withRecord = history.getAll(listed.stream().map(LiveCall::id).collect(Collectors.toSet())).keySet();
    for (LiveCall call : listed) {
      if (withRecord.contains(call.id())) {
        recorded.add(call.id());
        live.delete(call.id());
      } else {
        known.add(call);
      }
    }
    if (!recorded.isEmpty()) {
      log.info("{} calls listed as live were already recorded by the previous owner: cleared, not ended again ({})",
          recorded.size(), recorded);
    }
    return new Inherited(known, recorded);
  }

  /** Completes once every write begun so far is done, or after {@code within} (then says how many are left). */
  public Future<Void> flush(Duration within) {
    CompletableFuture<?> all = CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new));
    return Future.fromCompletionStage(all.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS)).<Void>mapEmpty()
        .recover(err -> {
          log.warn("{} call writes still in progress after {} s", writing.size(), within.toSeconds());
          return Future.succeededFuture();
        });
  }

  private static boolean refusedByQuorum(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof com.hazelcast.splitbrainprotection.SplitBrainProtectionException) {
        return true;
      }
    }
    return false;
  }

  private void track(String what, String callId, CompletionStage<?> stage) {
    CompletableFuture<?> write = stage.toCompletableFuture();
    writing.add(write);
    write.whenComplete((v, err) -> {
      writing.remove(write);
      if (err != null && refusedByQuorum(err)) {
        log.warn("not stored, {} call={}: this member is cut off from the cluster's majority, whose AMI owner"
            + " resyncs the call", what, callId);
      } else if (err != null) {
        log.error("could not store {} call={}: {}", what, callId, err.toString());
      }
    });
  }
}
