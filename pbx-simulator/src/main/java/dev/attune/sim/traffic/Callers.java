package dev.attune.sim.traffic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Who calls: mostly new numbers, but a share of calls come again from someone who called a little earlier, as in a
 * real center (the customer panel's history and open promises are seen only then). Draws from its own generator,
 * so the rest of the traffic of a seed is the same as without returning callers.
 */
final class Callers {
  static final double RETURNING_SHARE = 0.25;
  static final int REMEMBERED = 12;

  record Caller(String number, String name) {}

  private final Random random;
  private final Deque<Caller> recent = new ArrayDeque<>();

  Callers(long seed) {
    this.random = new Random(seed * 31 + 7);
  }

  /** The next call's caller: one of the recent callers again, or {@code fresh}, which is then remembered. */
  Caller next(Caller fresh) {
    if (!recent.isEmpty() && random.nextDouble() < RETURNING_SHARE) {
      List<Caller> known = new ArrayList<>(recent);
      return known.get(random.nextInt(known.size()));
    }
    recent.addLast(fresh);
    if (recent.size() > REMEMBERED) {
      recent.removeFirst();
    }
    return fresh;
  }
}
