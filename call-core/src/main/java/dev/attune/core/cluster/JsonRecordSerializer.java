package dev.attune.core.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.attune.core.bus.Json;
import java.io.IOException;

/**
 * Stores one of our records in Hazelcast as its JSON form. Hazelcast 5.3's zero-config Compact serialization
 * rejects {@code java.time.Instant}, which every domain record uses; JSON keeps the records plain, is the same shape
 * the event bus and HTTP already use, and lets a newer node read an older entry (unknown fields are ignored).
 */
public final class JsonRecordSerializer<T> implements StreamSerializer<T> {
  private final Class<T> type;
  private final int typeId;

  public JsonRecordSerializer(Class<T> type, int typeId) {
    this.type = type;
    this.typeId = typeId;
  }

  @Override
  public void write(ObjectDataOutput out, T value) throws IOException {
    out.writeString(Json.write(value));
  }

  @Override
  public T read(ObjectDataInput in) throws IOException {
    return Json.read(in.readString(), type);
  }

  @Override
  public int getTypeId() {
    return typeId;
  }
}
