package dev.attune.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallersTest {

  /** About a quarter of the generated calls come from someone who called before, so history is seen in the demo. */
  @Test
  void aShareOfCallsComeFromEarlierCallers() {
    TrafficGenerator.Run run = TrafficGenerator.generate(5, 400, 12, List.of("support", "sales"), 10, 1_795_400_000);
    Set<String> seen = new HashSet<>();
    int returning = 0;
    for (IntendedCall call : run.calls()) {
      if (!seen.add(call.caller())) {
        returning++;
      }
    }
    double share = returning / (double) run.calls().size();
    assertThat(share).isBetween(Callers.RETURNING_SHARE - 0.1, Callers.RETURNING_SHARE + 0.1);
  }

  @Test
  void aReturningCallerKeepsTheirNameAndOnlyRecentCallersReturn() {
    Callers callers = new Callers(42);
    java.util.Map<String, String> names = new java.util.HashMap<>();
    List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Callers.Caller c = callers.next(new Callers.Caller("+1555" + i, "Name " + i));
      String before = names.putIfAbsent(c.number(), c.name());
      assertThat(before == null || before.equals(c.name())).isTrue();
      if (before != null) {
        int firstCalled = order.indexOf(c.number());
        assertThat(order.size() - firstCalled).as("returns while remembered").isLessThanOrEqualTo(Callers.REMEMBERED);
      } else {
        order.add(c.number());
      }
    }
  }
}
