package dev.attune.core.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed event bus of a node. {@link #start} registers the codecs and, for each published address, ONE cluster
 * consumer that hands every message to the node's listeners as a {@link Delivery}: a message from another member is
 * decoded at most once per node, whatever the number of listeners, and one error policy applies to all of them (a
 * malformed payload is logged with its address and skipped; it never stops the listener).
 */
public final class Bus {
  private static final Logger log = LoggerFactory.getLogger(Bus.class);

  private static final List<Class<? extends BusMessage>> TYPES = List.of(CallEventMessage.class, HeardSegment.class,
      SpeechFeatures.class, GuidanceItem.class, CommitmentChange.class, Alert.class, CallbackRequest.class,
      CallbackReply.class, ComplaintChange.class, AlertAcknowledged.class, SpyRequest.class, PauseRequest.class, AgentStatus.class);
  private static final List<String> PUBLISHED = List.of(Addresses.CALL_EVENTS, Addresses.SPEECH_FEATURES,
      Addresses.TRANSCRIPTS, Addresses.GUIDANCE, Addresses.ALERTS, Addresses.COMMITMENTS, Addresses.COMPLAINTS, Addresses.ALERT_ACKS, Addresses.AGENT_STATUS);
  private static final DeliveryOptions HERE = new DeliveryOptions().setLocalOnly(true)
      .setCodecName(Delivery.LocalCodec.NAME);
  private static final Map<Vertx, Future<Void>> STARTED = new WeakHashMap<>();

  private Bus() {}

  /**
   * Makes the bus typed on this node; idempotent. Call it from outside any verticle (the node does, before deploying
   * its parts): its consumers must outlive every verticle.
   */
  public static Future<Void> start(Vertx vertx) {
    synchronized (STARTED) {
      return STARTED.computeIfAbsent(vertx, Bus::relay);
    }
  }

  /**
   * Fails, saying what to do, when {@link #start} has not run on this node: a part that publishes must not deploy
   * without the codecs (each publish would throw, deep inside the part's event handling).
   */
  public static Future<Void> requireStarted(Vertx vertx, String part) {
    if (started(vertx)) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(new IllegalStateException(part + " publishes typed messages: Bus.start(vertx) must run"
        + " on this node before it deploys"));
  }

  private static boolean started(Vertx vertx) {
    synchronized (STARTED) {
      return STARTED.containsKey(vertx);
    }
  }

  private static Future<Void> relay(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    for (Class<? extends BusMessage> type : TYPES) {
      register(bus, type);
    }
    bus.registerCodec(new Delivery.LocalCodec());
    List<Future<Void>> ready = new ArrayList<>();
    for (String address : PUBLISHED) {
      MessageConsumer<Object> relay = bus.consumer(address, m -> bus.publish(here(address), new Delivery(m), HERE));
      ready.add(relay.completion());
    }
    return Future.all(ready).mapEmpty();
  }

  private static <T extends BusMessage> void register(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new BusCodec<>(type));
  }

  private static String here(String address) {
    return address + ".here";
  }

  /** Publishes to every member, with the routing headers of {@link Delivery}. */
  public static void publish(Vertx vertx, String address, BusMessage message) {
    vertx.eventBus().publish(address, message, headers(message));
  }

  /** Calls {@code handler} with every {@code type} published on {@code address} (on the caller's context). */
  public static <T extends BusMessage> MessageConsumer<Delivery> listen(Vertx vertx, String address, Class<T> type,
                                                                        Consumer<T> handler) {
    return route(vertx, address, delivery -> handler.accept(delivery.body(type)));
  }

  /** Like {@link #listen}, for a listener that reads the headers first and may never need the body. */
  public static MessageConsumer<Delivery> route(Vertx vertx, String address, Consumer<Delivery> handler) {
    if (!PUBLISHED.contains(address)) {
      throw new IllegalArgumentException(address + " is not a published address");
    }
    if (!started(vertx)) {
      throw new IllegalStateException("Bus.start(vertx) must run before listening on " + address);
    }
    return vertx.eventBus().<Delivery>localConsumer(here(address), m -> {
      try {
        handler.accept(m.body());
      } catch (Delivery.MalformedMessage e) {
        log.warn("ignoring a malformed message on {}", e.getMessage());
      }
    });
  }

  /** Point to point with a typed reply; the reply future fails with the server's code and message on refusal. */
  public static <R extends BusMessage> Future<R> request(Vertx vertx, String address, BusMessage message,
                                                         Class<R> replyType, Duration timeout) {
    DeliveryOptions options = headers(message).setSendTimeout(timeout.toMillis());
    return vertx.eventBus().request(address, message, options).map(reply -> {
      if (!replyType.isInstance(reply.body())) {
        throw new IllegalStateException(address + " replied with " + reply.body());
      }
      return replyType.cast(reply.body());
    });
  }

  /**
   * Answers {@code type} requests on {@code address}: a failed answer goes back as a failure with the code of a
   * {@link ReplyException} (else 500); a body of another type is refused with 400.
   */
  public static <T extends BusMessage, R extends BusMessage> MessageConsumer<Object> serve(
      Vertx vertx, String address, Class<T> type, Function<T, Future<R>> answer) {
    return vertx.eventBus().consumer(address, (Message<Object> m) -> {
      Object body;
      try {
        body = m.body();
      } catch (RuntimeException e) {
        m.fail(400, "unreadable " + type.getSimpleName() + ": " + e.getMessage());
        return;
      }
      if (!type.isInstance(body)) {
        m.fail(400, "expected " + type.getSimpleName());
        return;
      }
      answer.apply(type.cast(body)).onComplete(ar -> {
        if (ar.succeeded()) {
          m.reply(ar.result());
        } else if (ar.cause() instanceof ReplyException refused) {
          m.fail(refused.failureCode(), refused.getMessage());
        } else {
          m.fail(500, String.valueOf(ar.cause().getMessage()));
        }
      });
    });
  }

  private static DeliveryOptions headers(BusMessage message) {
    DeliveryOptions options = new DeliveryOptions().addHeader(Delivery.AUDIENCE, message.audience().name());
    if (message.agent() != null) {
      options.addHeader(Delivery.AGENT, message.agent());
    }
    if (message.callId() != null) {
      options.addHeader(Delivery.CALL_ID, message.callId());
    }
    if (message.endsCall()) {
      options.addHeader(Delivery.ENDS_CALL, "true");
    }
    return options;
  }
}
