package dev.attune.assist.transcripts;

import dev.attune.core.bus.Bus;
import dev.attune.core.bus.HeardSegment;

import dev.attune.core.bus.TranscriptSegment;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.metrics.MetricNames;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * Takes transcript segments for a live call, from HTTP or the WebSocket, and publishes them for the coach. Only for
 * a call in progress that the sender may see: an agent posts for their own calls, supervisors and admins (and the
 * ASR connector signed in as one) for any. A call the sender may not see is reported as not found, so an agent cannot
 * probe which calls exist.
 */
public final class TranscriptIntake {
  private final Vertx vertx;
  private final IMap<String, LiveCall> liveCalls;
  private final Clock clock;
  private final Counter accepted;
  private final Counter refused;

  public TranscriptIntake(Vertx vertx, HazelcastInstance hazelcast, MeterRegistry registry, Clock clock) {
    this.vertx = vertx;
    this.liveCalls = hazelcast.getMap(MapNames.LIVE_CALLS);
    this.clock = clock;
    this.accepted = Counter.builder(MetricNames.TRANSCRIPT_SEGMENTS).tag("result", "accepted")
        .description("transcript segments received").register(registry);
    this.refused = Counter.builder(MetricNames.TRANSCRIPT_SEGMENTS).tag("result", "refused")
        .description("transcript segments received").register(registry);
  }

  /** Validates {@code body} for call {@code callId} as {@code viewer}; fails with an {@link ApiError} saying why. */
  public Future<HeardSegment> accept(Viewer viewer, String callId, JsonObject body) {
    TranscriptSegment segment;
    try {
      segment = SegmentParser.parse(callId, body);
    } catch (ApiError e) {
      refused.increment();
      return Future.failedFuture(e);
    }
    return publishIfLive(segment, call -> viewer.maySee(call.agent())).onFailure(e -> refused.increment());
  }

  /** Counts a segment refused before it could be parsed (a body or frame that is not a segment at all). */
  public void refusedUnread() {
    refused.increment();
  }

  /** For a trusted in-process source (the speech recognizer): no viewer check; only while the call is live. */
  public Future<HeardSegment> publish(TranscriptSegment segment) {
    return publishIfLive(segment, call -> true);
  }

  private Future<HeardSegment> publishIfLive(TranscriptSegment segment, Predicate<LiveCall> mayPost) {
    return vertx.executeBlocking(() -> liveCalls.get(segment.callId()), false).compose(call ->
        call == null || !mayPost.test(call)
            ? Future.failedFuture(ApiError.notFound("no live call " + segment.callId()))
            : Future.succeededFuture(publish(segment, call)));
  }

  /** For a trusted in-process source (the demo conversations): no viewer check, the call is given. */
  public HeardSegment publish(TranscriptSegment segment, LiveCall call) {
    HeardSegment heard = new HeardSegment(segment, call.agent(), call.caller(), call.callerName(), clock.instant());
    Bus.publish(vertx, Addresses.TRANSCRIPTS, heard);
    accepted.increment();
    return heard;
  }
}
