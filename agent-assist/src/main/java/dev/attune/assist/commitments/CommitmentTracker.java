package dev.attune.assist.commitments;

import dev.attune.core.bus.Bus;
import dev.attune.assist.web.OpenPromises;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.Direction;
import dev.attune.core.calls.LiveCall;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commitment life on a node: sweeps this member's keys for due reminders/escalations every
 * {@code sweepEvery}, and keeps promises when the bridge reports an answered OUTBOUND call to the customer's
 * number (an answered INBOUND call from them is announced to the agent, who marks it). Deploy one per node;
 * the service's atomic transitions make the cluster fire each reminder once.
 */
public final class CommitmentTracker extends VerticleBase implements OpenPromises {

  private static final Logger log = LoggerFactory.getLogger(CommitmentTracker.class);

  private final CommitmentService service;
  private final Duration sweepEvery;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private long timer = -1;
  private MessageConsumer<?> calls;

  public CommitmentTracker(CommitmentService service, Duration sweepEvery) {
    this.service = service;
    this.sweepEvery = sweepEvery;
  }

  @Override
  public Future<?> start() {
    calls = Bus.listen(vertx, Addresses.CALL_EVENTS, CallEventMessage.class, this::onCallEvent);
    timer = vertx.setPeriodic(sweepEvery.toMillis(), id -> sweep());
    return calls.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return calls == null ? Future.succeededFuture() : calls.unregister();
  }

  private void sweep() {
    if (!sweeping.compareAndSet(false, true)) {
      return;   // the previous sweep is still running
    }
    vertx.executeBlocking(service::sweep, false).onComplete(ar -> {
      sweeping.set(false);
      if (ar.failed()) {
        log.warn("commitment sweep failed: {}", ar.cause().toString());
      }
    });
  }

  private void onCallEvent(CallEventMessage message) {
    if (!(message.event() instanceof dev.attune.core.calls.CallAnswered) || message.call() == null) {
      return;
    }
    LiveCall call = message.call();
    vertx.executeBlocking(() -> {
      if (call.direction() == Direction.OUTBOUND) {
        service.callAnswered(call.caller(), call.id());
      } else {
        service.customerCalledIn(call.caller(), call.id());
      }
      return null;
    }, false).onFailure(e -> log.warn("call {}: commitment update failed: {}", call.id(), e.toString()));
  }

  @Override
  public Future<JsonArray> forCustomer(String number) {
    return vertx.executeBlocking(() -> new JsonArray(Json.write(service.liveFor(number))), false);
  }
}
