package dev.attune.core.alerts;

import dev.attune.core.bus.Alert;
import java.time.Instant;

/**
 * An alert as kept for supervisors (map {@code MapNames.ALERTS}, key the alert's id, written through): what was
 * raised, and who acknowledged it when (null while nobody has).
 */
public record KeptAlert(Alert alert, String acknowledgedBy, Instant acknowledgedAt) {

  public static KeptAlert of(Alert alert) {
    return new KeptAlert(alert, null, null);
  }

  public boolean acknowledged() {
    return acknowledgedAt != null;
  }

  public KeptAlert acknowledge(String by, Instant at) {
    return new KeptAlert(alert, by, at);
  }
}
