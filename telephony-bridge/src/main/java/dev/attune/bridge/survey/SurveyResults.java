package dev.attune.bridge.survey;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.attune.core.bus.Alert;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.SurveyResult;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a survey result goes: {@code calls.surveys} (where the call's record finds it if it is written later), the
 * record itself if it is already written, the customer's profile, the {@code callcenter_survey_answers_total} counter,
 * and a supervisor alert for a rating at or below {@code survey.alertAtOrBelow}. The result is put before the record
 * is looked at, and the record side does the reverse ({@link #attachTo}), so whichever comes second joins them.
 */
public final class SurveyResults implements Consumer<SurveyResult> {
  private static final Logger log = LoggerFactory.getLogger(SurveyResults.class);
  private static final int RETRY_SECONDS = 3;
  private static final int RETRIES = 1200; // an hour

  private final IMap<String, SurveyResult> surveys;
  private final IMap<String, CallRecord> history;
  private final IMap<String, CustomerProfile> customers;
  private final MeterRegistry registry;
  private final int alertAtOrBelow;
  private final Consumer<Alert> alerts;
  private final CustomerKeys keys;

  public SurveyResults(HazelcastInstance hazelcast, MeterRegistry registry, int alertAtOrBelow,
                       Consumer<Alert> alerts, CustomerKeys keys) {
    this.keys = keys;
    this.surveys = hazelcast.getMap(MapNames.SURVEYS);
    this.history = hazelcast.getMap(MapNames.CALL_HISTORY);
    this.customers = hazelcast.getMap(MapNames.CUSTOMERS);
    this.registry = registry;
    this.alertAtOrBelow = alertAtOrBelow;
    this.alerts = alerts;
  }

  @Override
  public void accept(SurveyResult result) {
    Counter.builder(MetricNames.SURVEY_ANSWERS).description("Post-call survey results by queue and score")
        .tag("queue", result.queue() == null ? "" : result.queue())
        .tag("score", result.answered() ? String.valueOf(result.score()) : "none")
        .register(registry).increment();
    try {
      surveys.set(result.callId(), result);
      attach(result, 0);
      String key = keys.key(result.caller());
      if (result.answered() && !key.isEmpty()) {
        customers.executeOnKey(key, new ProfileSurveyed(result.score()));
      }
    } catch (RuntimeException e) {
      log.error("could not store the survey result of call={}: {}", result.callId(), e.toString());
    }
    if (result.answered() && result.score() <= alertAtOrBelow) {
      alerts.accept(Alert.lowSurvey(result.at(), result.callId(), result.agent(), result.caller(), result.score()));
    }
  }

  /**
   * Puts the result on the call's record. A member cut off from the cluster's majority may not write records
   * ({@code ClusterQuorum}): it keeps the result and tries again every few seconds, for an hour, until the sides heal.
   */
  private void attach(SurveyResult result, int tries) {
    try {
      history.executeOnKey(result.callId(), new AttachSurvey(result));
    } catch (SplitBrainProtectionException e) {
      if (tries == 0) {
        log.warn("the survey result of call={} waits to join its record: this member is cut off from the cluster's"
            + " majority", result.callId());
      }
      if (tries < RETRIES) {
        CompletableFuture.runAsync(() -> attachLater(result, tries + 1),
            CompletableFuture.delayedExecutor(RETRY_SECONDS, TimeUnit.SECONDS));
      } else {
        log.error("the survey result of call={} never joined its record: the cluster stayed split", result.callId());
      }
    }
  }

  private void attachLater(SurveyResult result, int tries) {
    try {
      attach(result, tries);
    } catch (RuntimeException e) { // the member stopped meanwhile, or the record is unreachable
      log.error("could not store the survey result of call={}: {}", result.callId(), e.toString());
    }
  }

  /** The record side of the join: after writing a call's record, puts a result that arrived first onto it. */
  public static java.util.concurrent.CompletionStage<?> attachTo(HazelcastInstance hazelcast, String callId) {
    IMap<String, SurveyResult> surveys = hazelcast.getMap(MapNames.SURVEYS);
    IMap<String, CallRecord> history = hazelcast.getMap(MapNames.CALL_HISTORY);
    return surveys.getAsync(callId).thenCompose(found -> found == null
        ? java.util.concurrent.CompletableFuture.completedFuture(null)
        : history.submitToKey(callId, new AttachSurvey(found)));
  }
}
