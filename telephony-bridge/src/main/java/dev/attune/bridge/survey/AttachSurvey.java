package dev.attune.bridge.survey;

import com.hazelcast.map.EntryProcessor;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.SurveyResult;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * Puts a survey result on a call's record where the entry lives, if the record exists yet (else the record, once
 * written, picks the result up from {@code calls.surveys}). JSON inside: Java serialization carries processors.
 */
public final class AttachSurvey implements EntryProcessor<String, CallRecord, Boolean>, Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private final String resultJson;

  public AttachSurvey(SurveyResult result) {
    this.resultJson = Json.write(result);
  }

  @Override
  public Boolean process(Map.Entry<String, CallRecord> entry) {
    if (entry.getValue() == null) {
      return false;
    }
    entry.setValue(entry.getValue().withSurvey(Json.read(resultJson, SurveyResult.class)));
    return true;
  }
}
