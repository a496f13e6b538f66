package dev.attune.assist.floor;

import dev.attune.core.bus.Alert;
import dev.attune.core.config.AttuneConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue's figures against {@code targets.*}: the wallboard's colours (ok, amber near the target, red past it) and the
 * breaches worth an alert. Amber is the last 5 points above the service-level target and the last quarter below the
 * wait target, so a supervisor sees it coming. A service level needs {@value #MIN_OFFERED} offered calls in the
 * window before it can breach: one unlucky call in a quiet quarter hour is no breach.
 */
public record QueueTargets(double serviceLevel, int serviceLevelSeconds, int longestWaitSeconds) {
  static final int MIN_OFFERED = 5;
  private static final double SL_AMBER = 0.05;
  private static final double WAIT_AMBER = 0.75;

  public static QueueTargets of(AttuneConfig.Targets targets) {
    return new QueueTargets(targets.serviceLevel(), targets.serviceLevelSeconds(), targets.longestWaitSeconds());
  }

  /** How a queue stands: {@code serviceLevel} over {@code period}, {@code longestWait} of the oldest caller now. */
  public record Status(String serviceLevel, String longestWait) {}

  /** One measure past its target. */
  public record Breach(String queue, String measure, double value, double target) {}

  /** Breaches going on, so each is alerted when it begins and again only after it has ended. Not thread-safe. */
  public static final class Ongoing {
    private final java.util.Set<String> now = new java.util.HashSet<>();

    /** Of the breaches seen now, those that were not going on at the last look. */
    public List<Breach> begun(List<Breach> seen) {
      java.util.Set<String> still = new java.util.HashSet<>();
      List<Breach> begun = new ArrayList<>();
      for (Breach b : seen) {
        String key = b.queue() + "|" + b.measure();
        still.add(key);
        if (!now.contains(key)) {
          begun.add(b);
        }
      }
      now.clear();
      now.addAll(still); // a breach that ended alerts again when it comes back
      return begun;
    }

    public void forget() {
      now.clear();
    }
  }

  public Status status(QueueFigures period, QueueFigures.Now now) {
    Double sl = period == null ? null : period.serviceLevel().get(serviceLevelSeconds);
    String slStatus = sl == null ? "none" : sl < serviceLevel ? "red" : sl < serviceLevel + SL_AMBER ? "amber" : "ok";
    long wait = now == null ? 0 : now.oldestWaitSeconds();
    String waitStatus = wait > longestWaitSeconds ? "red" : wait > WAIT_AMBER * longestWaitSeconds ? "amber" : "ok";
    return new Status(slStatus, waitStatus);
  }

  /** What is past its target: the service level over a window with enough calls, the oldest wait now. */
  public List<Breach> breaches(List<QueueFigures> window, List<QueueFigures.Now> now) {
    List<Breach> out = new ArrayList<>();
    for (QueueFigures q : window) {
      Double sl = q.serviceLevel().get(serviceLevelSeconds);
      if (sl != null && q.offered() >= MIN_OFFERED && sl < serviceLevel) {
        out.add(new Breach(q.queue(), Alert.SERVICE_LEVEL, sl, serviceLevel));
      }
    }
    for (QueueFigures.Now q : now) {
      if (q.oldestWaitSeconds() > longestWaitSeconds) {
        out.add(new Breach(q.queue(), Alert.LONGEST_WAIT, q.oldestWaitSeconds(),
            longestWaitSeconds));
      }
    }
    return out;
  }
}
