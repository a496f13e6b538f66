package dev.attune.core.calls;

import java.time.Instant;

/**
 * A caller's post-call keypad rating ({@code agi://host:4573/survey}), kept against the call, its agent and queue.
 * {@code score} is 1-5, or null when the caller hung up or pressed nothing usable: "no answer", never a made-up
 * score.
 */
public record SurveyResult(String callId, Integer score, Instant at, String caller, String queue, String agent) {

  public boolean answered() {
    return score != null;
  }
}
