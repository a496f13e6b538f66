package dev.attune.bridge.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.bus.CallEventMessage;
import dev.attune.core.calls.CallEnded;
import dev.attune.core.calls.CallOutcome;
import dev.attune.core.calls.CallRecord;
import dev.attune.core.calls.EndedBy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.Test;

/**
 * {@code endedBy} names the party whose own hang-up (HangupRequest: their phone sent BYE) came first; a caller whose
 * line the PBX cleared (a routing decision naming a queue Asterisk lacks, the end of the dialplan) was ended by the PBX.
 */
class WhoEndedTheCallTest {
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

  private final List<CallEventMessage> out = new ArrayList<>();
  private final CallTracker tracker = new CallTracker("pbx", out::add);

  private <E extends ManagerEvent> void feed(E event, String uid, double seconds) {
    event.setTimestamp(T0.getEpochSecond() + seconds);
    if (event instanceof NewChannelEvent e) {
      e.setUniqueId(uid);
      e.setLinkedid(uid);
      e.setChannel("SIP/pstn-" + uid);
      e.setCallerIdNum("+1555" + uid.replace(".", ""));
    } else if (event instanceof HangupRequestEvent e) {
      e.setUniqueId(uid);
      e.setChannel("SIP/pstn-" + uid);
    } else if (event instanceof HangupEvent e) {
      e.setUniqueId(uid);
      e.setLinkedId(uid);
      e.setChannel("SIP/pstn-" + uid);
      e.setCause(16);
    }
    tracker.accept(event);
  }

  private CallRecord recordOf(String uid) {
    tracker.closeQuietCalls(T0.plusSeconds(3600), Duration.ZERO);
    return out.stream().map(CallEventMessage::event).filter(CallEnded.class::isInstance).map(CallEnded.class::cast)
        .map(CallEnded::record).filter(r -> r.id().equals("pbx:" + uid)).findFirst().orElseThrow();
  }

  @Test
  void aCallerWhoseLineThePbxClearedWasEndedByThePbx() {
    feed(new NewChannelEvent(this), "100.1", 0); // a caller who hangs up themselves: the PBX reports requests
    feed(new HangupRequestEvent(this), "100.1", 3);
    feed(new HangupEvent(this), "100.1", 3);
    feed(new NewChannelEvent(this), "200.1", 10); // Queue(no-such-queue) fails and the dialplan ends
    feed(new HangupEvent(this), "200.1", 10.047);

    assertThat(recordOf("100.1").endedBy()).isEqualTo(EndedBy.CUSTOMER);
    CallRecord failed = recordOf("200.1");
    assertThat(failed.outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(failed.endedBy()).isEqualTo(EndedBy.PBX);
  }
}
