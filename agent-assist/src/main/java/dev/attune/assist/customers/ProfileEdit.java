package dev.attune.assist.customers;

import com.hazelcast.map.EntryProcessor;
import dev.attune.core.calls.CustomerProfile;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an administrator sets in a profile (null: unchanged), applied where the entry lives so a call ending at the
 * same moment (the bridge's and the coach's updates of the same key) is not lost. Returns the profile as it was
 * before (null: there was none), so the change can be audited.
 */
record ProfileEdit(String name, Boolean vip, String language, ArrayList<String> skills, String notes)
    implements EntryProcessor<String, CustomerProfile, CustomerProfile>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  static ProfileEdit of(String name, Boolean vip, String language, List<String> skills, String notes) {
    return new ProfileEdit(name, vip, language, skills == null ? null : new ArrayList<>(skills), notes);
  }

  boolean isEmpty() {
    return name == null && vip == null && language == null && skills == null && notes == null;
  }

  CustomerProfile applyTo(CustomerProfile current, String key) {
    CustomerProfile base = current != null ? current : CustomerProfile.first(key, null);
    return base.managed(name, vip, language, skills, notes);
  }

  @Override
  public CustomerProfile process(Map.Entry<String, CustomerProfile> entry) {
    CustomerProfile before = entry.getValue();
    entry.setValue(applyTo(before, entry.getKey()));
    return before;
  }
}
