package dev.attune.assist.commitments;

import dev.attune.core.calls.Party;
import java.time.ZonedDateTime;
import java.util.List;

/** Finds follow-up promises in one transcript utterance (the guidance analyze service plugs this in). */
public interface PromiseDetector {
  List<DetectedPromise> detect(String text, Party party, String lang, ZonedDateTime at);

  /** The same detector reading clock times ("by 3pm") in {@code zone} (a chat from another site); this one if it can't. */
  default PromiseDetector inZone(java.time.ZoneId zone) {
    return this;
  }
}
