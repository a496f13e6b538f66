package dev.attune.assist.commitments;

import dev.attune.core.calls.Party;
import java.time.ZonedDateTime;
import java.util.List;

/** Finds follow-up promises in one transcript utterance (the guidance analyze service plugs this in). */
public interface PromiseDetector {
  List<DetectedPromise> detect(String text, Party party, String lang, ZonedDateTime at);
}
