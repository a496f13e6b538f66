package dev.attune.core.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue's last hour, a sample a minute (map {@code MapNames.QUEUE_TRENDS}, key the queue; in memory): callers
 * waiting then, and the service level over the 15 minutes before (null without calls), for the wallboard's trend
 * lines.
 */
public record QueueTrend(String queue, List<Sample> samples) {
  public static final int SAMPLES = 60;

  public record Sample(Instant at, int waiting, Double serviceLevel) {}

  public QueueTrend {
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  /** With one more sample, the oldest dropped past an hour's worth. */
  public QueueTrend with(Sample sample) {
    List<Sample> next = new ArrayList<>(samples);
    next.add(sample);
    return new QueueTrend(queue, next.subList(Math.max(0, next.size() - SAMPLES), next.size()));
  }
}
