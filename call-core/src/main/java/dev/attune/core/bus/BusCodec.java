package dev.attune.core.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;

/**
 * The one codec of the bus: a record as {@link Json} on the wire (so members of different versions read each other,
 * unknown fields ignored), and as itself between verticles of one node (records are immutable: nothing to copy).
 */
final class BusCodec<T extends BusMessage> implements MessageCodec<T, T> {
  private final Class<T> type;

  BusCodec(Class<T> type) {
    this.type = type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    byte[] json = Json.write(message).getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(json.length).appendBytes(json);
  }

  /** Throws {@link IllegalArgumentException} when the bytes are not a {@code T}: {@link Delivery} reports it. */
  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return Json.read(buffer.getString(pos + 4, pos + 4 + length, "UTF-8"), type);
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return "attune." + type.getSimpleName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
