package dev.attune.bridge.calls;

import com.hazelcast.map.EntryProcessor;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.CustomerProfile;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * Adds one finished call to a customer's profile where the entry lives, so two nodes finishing calls of the same
 * customer never lose an update. Carries the record as JSON because Java serialization is used for processors.
 */
public final class CustomerUpdate implements EntryProcessor<String, CustomerProfile, CustomerProfile>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private final String recordJson;
  private final String callerName;

  public CustomerUpdate(CallRecord record, String callerName) {
    this.recordJson = Json.write(record);
    this.callerName = callerName;
  }

  @Override
  public CustomerProfile process(Map.Entry<String, CustomerProfile> entry) {
    CallRecord record = Json.read(recordJson, CallRecord.class);
    CustomerProfile current = entry.getValue() != null ? entry.getValue()
        : CustomerProfile.first(entry.getKey(), callerName);
    CustomerProfile updated = current.withCall(record);
    entry.setValue(updated);
    return updated;
  }
}
