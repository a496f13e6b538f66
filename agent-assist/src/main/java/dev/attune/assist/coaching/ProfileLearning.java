package dev.attune.assist.coaching;

import com.hazelcast.map.EntryProcessor;
import dev.attune.core.calls.CustomerProfile;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * Adds what the coach heard on a finished call (its language; complaints count once an agent confirms
 * their record) to the customer's
 * profile where the entry lives. The bridge adds the call itself with its own processor on the same key; the two
 * commute, so whichever runs first, neither update is lost.
 */
final class ProfileLearning implements EntryProcessor<String, CustomerProfile, CustomerProfile>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private final String language;
  private final String callerName;

  ProfileLearning(String language, String callerName) {
    this.language = language;
    this.callerName = callerName;
  }

  @Override
  public CustomerProfile process(Map.Entry<String, CustomerProfile> entry) {
    CustomerProfile current = entry.getValue() != null ? entry.getValue()
        : CustomerProfile.first(entry.getKey(), callerName);
    CustomerProfile updated = current.learned(language);
    entry.setValue(updated);
    return updated;
  }
}
