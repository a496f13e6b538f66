package dev.attune.bridge.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.CallEventMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.Test;

/**
 * Channels the PBX reports in a resync that the bridge never saw begin (they started while the link was down) are
 * classified as the live events would have classified them: an agent's consult call is nobody's customer contact,
 * while a call with a customer's line on it is, whichever of its channels the list names first.
 */
class AdoptedChannelsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private final List<CallEventMessage> out = new ArrayList<>();
  private final CallTracker tracker = new CallTracker("pbx", out::add);

  /** The tracker learns which devices are agents from the queue ringing them, as it does on a live link. */
  private void agentsAreKnown() {
    NewChannelEvent customer = new NewChannelEvent(this);
    customer.setUniqueId("100.1");
    customer.setLinkedid("100.1");
    customer.setChannel("PJSIP/trunk-00000001");
    customer.setCallerIdNum("+15550100");
    customer.setTimestamp(NOW.getEpochSecond() - 60.0);
    tracker.accept(customer);
    for (String agent : List.of("agent101", "agent102")) {
      AgentCalledEvent rung = new AgentCalledEvent(this);
      rung.setUniqueId("100.1");
      rung.setLinkedId("100.1");
      rung.setInterface("PJSIP/" + agent);
      rung.setDestChannel("PJSIP/" + agent + "-00000002");
      rung.setDestUniqueId("100.2");
      rung.setTimestamp(NOW.getEpochSecond() - 59.0);
      tracker.accept(rung);
    }
  }

  private List<CallEventMessage> eventsOf(String callId) {
    return out.stream().filter(m -> m.event().callId().equals(callId)).toList();
  }

  @Test
  void aConsultBetweenTwoAgentsFoundInAResyncIsNotACustomerCall() {
    agentsAreKnown();
    tracker.adoptChannel("pbx", "200.1", "200.1", "PJSIP/agent101-00000003", "101", "Agent 101", "Dial",
        "PJSIP/agent102", true, NOW.minusSeconds(20));
    tracker.adoptChannel("pbx", "200.2", "200.1", "PJSIP/agent102-00000004", "101", "Agent 101", "AppDial",
        "(Outgoing Line)", true, NOW.minusSeconds(19));
    tracker.reconcile(Set.of(), NOW); // the consult ends while we watch

    assertThat(eventsOf("pbx:200.1")).isEmpty();
  }

  @Test
  void aCallbackFoundInAResyncAgentLegFirstIsOfferedOnceItsCustomerLineIsListed() {
    agentsAreKnown();
    tracker.adoptChannel("pbx", "300.1", "300.1", "PJSIP/agent102-00000005", "+15550300", "Callback", "Dial",
        "PJSIP/trunk/+15550300", true, NOW.minusSeconds(30));
    assertThat(eventsOf("pbx:300.1")).isEmpty(); // an agent's own channel alone: could still be a consult
    tracker.adoptChannel("pbx", "300.2", "300.1", "PJSIP/trunk-00000006", "+15550300", "", "AppDial",
        "(Outgoing Line)", true, NOW.minusSeconds(29));

    assertThat(eventsOf("pbx:300.1")).extracting(m -> m.event().getClass().getSimpleName()).containsExactly("CallOffered");
  }
}
