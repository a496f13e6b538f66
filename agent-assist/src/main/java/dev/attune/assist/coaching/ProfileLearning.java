package dev.attune.assist.coaching;

import com.hazelcast.map.EntryProcessor;
import dev.attune.assist.guidance.CallCoach;
import dev.attune.core.calls.CustomerProfile;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * Adds what the coach heard on a finished call (its language, how the customer spoke; complaints
 * count once an agent confirms their record) to the customer's
 * profile where the entry lives. The bridge adds the call itself with its own processor on the same key; the two
 * commute, so whichever runs first, neither update is lost.
 */
final class ProfileLearning implements EntryProcessor<String, CustomerProfile, CustomerProfile>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private final String language;
  private final double talkShare;
  private final boolean upset;
  private final String callerName;

  ProfileLearning(String language, CallCoach.CallStyle style, String callerName) {
    this.language = language;
    this.talkShare = style.customerTalkShare();
    this.upset = style.upset();
    this.callerName = callerName;
  }

  @Override
  public CustomerProfile process(Map.Entry<String, CustomerProfile> entry) {
    CustomerProfile current = entry.getValue() != null ? entry.getValue()
        : CustomerProfile.first(entry.getKey(), callerName);
    CustomerProfile updated = current.learned(language, talkShare, upset);
    entry.setValue(updated);
    return updated;
  }
}
