package dev.attune.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.sim.ami.AmiMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member's own {@code wrapuptime}, as app_queue keeps it: after its queue call ends ({@code AgentComplete}) the
 * agent is not rung for that long, and its member events say so ({@code LastCall} stamped at the end,
 * {@code Wrapuptime}).
 */
class WrapUpTest {
  private static final int WRAP_UP = 20;

  private static double at(AmiMessage e) {
    return Double.parseDouble(e.get("Timestamp"));
  }

  @Test
  void anAgentIsNotRungDuringWrapUpAndItsMemberEventsSayWhenItsLastCallEnded() {
    // busy traffic for few agents: without wrap-up an agent would be rung again within a second or two
    TrafficGenerator.Run run = TrafficGenerator.generate(11, 150, 30, List.of("support"), 3, 1_795_400_000, WRAP_UP);
    Map<String, Double> completedAt = new HashMap<>();
    int rungAgain = 0;
    int statusesAfterACall = 0;
    for (AmiMessage e : run.events()) {
      String event = e.get("Event");
      String agent = e.get("Interface");
      if ("AgentComplete".equals(event)) {
        completedAt.put(agent, at(e));
      } else if ("AgentCalled".equals(event) && completedAt.containsKey(agent)) {
        assertThat(at(e) - completedAt.get(agent)).as("%s rung during its wrap-up", agent)
            .isGreaterThanOrEqualTo(WRAP_UP);
        rungAgain++;
      } else if ("QueueMemberStatus".equals(event) && completedAt.containsKey(agent)) {
        assertThat(e.get("Wrapuptime")).isEqualTo(String.valueOf(WRAP_UP));
        assertThat(Long.parseLong(e.get("LastCall"))).isEqualTo((long) Math.floor(completedAt.get(agent)));
        statusesAfterACall++;
      }
    }
    assertThat(rungAgain).as("agents took more calls after a wrap-up").isGreaterThan(20);
    assertThat(statusesAfterACall).isGreaterThan(20);
  }

  @Test
  void withoutWrapUpAnAgentMayBeRungAgainAtOnce() {
    TrafficGenerator.Run run = TrafficGenerator.generate(11, 150, 30, List.of("support"), 3, 1_795_400_000);
    Map<String, Double> completedAt = new HashMap<>();
    double shortest = Double.MAX_VALUE;
    for (AmiMessage e : run.events()) {
      if ("AgentComplete".equals(e.get("Event"))) {
        completedAt.put(e.get("Interface"), at(e));
      } else if ("AgentCalled".equals(e.get("Event")) && completedAt.containsKey(e.get("Interface"))) {
        shortest = Math.min(shortest, at(e) - completedAt.get(e.get("Interface")));
      }
    }
    assertThat(shortest).as("the first test's traffic would find agents within their wrap-up").isLessThan(WRAP_UP);
  }
}
