package dev.attune.assist.complaints;

import com.hazelcast.map.EntryProcessor;
import dev.attune.core.calls.CustomerProfile;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/** One more confirmed complaint on the customer's profile, counted where the entry lives (no lost update). */
final class ComplaintCounted implements EntryProcessor<String, CustomerProfile, CustomerProfile>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private final String callerName;

  ComplaintCounted(String callerName) {
    this.callerName = callerName;
  }

  @Override
  public CustomerProfile process(Map.Entry<String, CustomerProfile> entry) {
    CustomerProfile current = entry.getValue() != null ? entry.getValue()
        : CustomerProfile.first(entry.getKey(), callerName);
    CustomerProfile updated = current.complaintRecorded();
    entry.setValue(updated);
    return updated;
  }
}
