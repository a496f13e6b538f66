package dev.attune.core.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;

/**
 * One message as this node received it, handed to every local listener of its address: the headers are read without
 * decoding, and the body is decoded on first use, once for the whole node (a message from another member arrives as
 * bytes; one published here is the record itself).
 */
public final class Delivery {
  static final String AGENT = "attune-agent";
  static final String CALL_ID = "attune-call";
  static final String AUDIENCE = "attune-audience";
  static final String ENDS_CALL = "attune-ends-call";

  private final Message<?> message;
  private Object body;
  private RuntimeException malformed;

  Delivery(Message<?> message) {
    this.message = message;
  }

  public String address() {
    return message.address();
  }

  /** The agent the message concerns, or null. */
  public String agent() {
    return message.headers().get(AGENT);
  }

  public String callId() {
    return message.headers().get(CALL_ID);
  }

  /** {@link BusMessage#endsCall()}, from the headers. */
  public boolean endsCall() {
    return message.headers().contains(ENDS_CALL);
  }

  public BusMessage.Audience audience() {
    String audience = message.headers().get(AUDIENCE);
    return audience == null ? BusMessage.Audience.AGENT_AND_SUPERVISORS : BusMessage.Audience.valueOf(audience);
  }

  /** The record; throws {@link MalformedMessage} when it is not a {@code type} (old member, foreign publisher). */
  public <T extends BusMessage> T body(Class<T> type) {
    Object decoded = decodeOnce();
    if (!type.isInstance(decoded)) {
      throw new MalformedMessage(address() + ": expected " + type.getSimpleName() + ", got "
          + (decoded == null ? "nothing" : decoded.getClass().getSimpleName()));
    }
    return type.cast(decoded);
  }

  private synchronized Object decodeOnce() { // listeners run on different event loops
    if (body == null && malformed == null) {
      try {
        body = message.body();
      } catch (RuntimeException e) {
        malformed = new MalformedMessage(address() + ": " + e.getMessage());
      }
    }
    if (malformed != null) {
      throw malformed;
    }
    return body;
  }

  /** A payload that is not what its address carries. */
  public static final class MalformedMessage extends RuntimeException {
    MalformedMessage(String message) {
      super(message);
    }
  }

  /** Hands the same object to the node's listeners; a delivery never leaves the node. */
  static final class LocalCodec implements MessageCodec<Delivery, Delivery> {
    static final String NAME = "attune.delivery";

    @Override
    public void encodeToWire(Buffer buffer, Delivery delivery) {
      throw new UnsupportedOperationException("a delivery is local to its node");
    }

    @Override
    public Delivery decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("a delivery is local to its node");
    }

    @Override
    public Delivery transform(Delivery delivery) {
      return delivery;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
