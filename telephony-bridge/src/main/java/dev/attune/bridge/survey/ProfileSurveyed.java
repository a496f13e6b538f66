package dev.attune.bridge.survey;

import com.hazelcast.map.EntryProcessor;
import dev.attune.core.calls.CustomerProfile;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/** Adds one answered survey to a customer's profile where the entry lives; commutes with the call-end update. */
public final class ProfileSurveyed implements EntryProcessor<String, CustomerProfile, CustomerProfile>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private final int score;

  public ProfileSurveyed(int score) {
    this.score = score;
  }

  @Override
  public CustomerProfile process(Map.Entry<String, CustomerProfile> entry) {
    CustomerProfile current = entry.getValue() != null ? entry.getValue() : CustomerProfile.first(entry.getKey(), "");
    CustomerProfile updated = current.surveyed(score);
    entry.setValue(updated);
    return updated;
  }
}
