package dev.attune.bridge.agents;

import dev.attune.core.bus.AgentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.asteriskjava.manager.event.AbstractQueueMemberEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;

/**
 * Each agent's standing in the queues, from app_queue's events: a member of which queues (logged in while in one),
 * paused with which reason ({@code QueueMemberPause}, or the {@code Paused}/{@code PausedReason} every
 * {@code QueueMemberStatus} and {@code QueueStatus} member carries), in wrap-up after a queue call, and since when. A
 * change is handed on once; a resync's member list replaces what was known. Runs on the AMI owner's thread only.
 *
 * <p>Wrap-up is app_queue's {@code get_wrapuptime}: the member's own {@code wrapuptime} (every member event carries it
 * as {@code Wrapuptime}, 0 for none) else its queue's, which no AMI event reports (hence {@code queueWrapUp}, from
 * {@code agents.wrapUpSeconds}); it runs from the end of the call ({@code AgentComplete}, or after a resync the
 * member's {@code LastCall}).
 */
public final class AgentStates {
  private final Consumer<AgentStatus> changed;
  private final ToIntFunction<String> queueWrapUp;
  private final Map<String, Member> members = new HashMap<>();

  /** What app_queue says of one interface. */
  private static final class Member {
    final Set<String> queues = new HashSet<>();
    final Set<String> pausedIn = new HashSet<>();
    String reason = "";
    int ownWrapUp; // seconds; 0: the queue's
    Instant wrapUpUntil;
    AgentStatus last;
  }

  /** Without wrap-up in any queue unless a member has its own. */
  public AgentStates(Consumer<AgentStatus> changed) {
    this(changed, queue -> 0);
  }

  /** {@code queueWrapUp}: each queue's {@code wrapuptime} in seconds (queues.conf), 0 for none. */
  public AgentStates(Consumer<AgentStatus> changed, ToIntFunction<String> queueWrapUp) {
    this.changed = changed;
    this.queueWrapUp = queueWrapUp;
  }

  public void accept(ManagerEvent event, Instant now) {
    if (event instanceof QueueMemberPauseEvent e) { // Asterisk 12+: the reason is PausedReason
      paused(e.getInterface(), e.getQueue(), Boolean.TRUE.equals(e.getPaused()),
          e.getPausedreason() != null ? e.getPausedreason() : e.getReason(), now);
    } else if (event instanceof QueueMemberPausedEvent e) { // the event's name before Asterisk 12
      paused(e.getInterface(), e.getQueue(), Boolean.TRUE.equals(e.getPaused()), e.getReason(), now);
    } else if (event instanceof QueueMemberStatusEvent e) {
      ownWrapUp(e.getInterface(), e.getWrapuptime());
      member(e.getInterface(), e.getQueue(), e.getPaused(), e.getPausedreason(), now);
    } else if (event instanceof QueueMemberAddedEvent e) {
      member(e.getInterface(), e.getQueue(), e.getPaused(), null, now);
    } else if (event instanceof QueueMemberRemovedEvent e) {
      removed(e, now);
    } else if (event instanceof AgentCompleteEvent e && e.getInterface() != null) {
      Member m = members.computeIfAbsent(e.getInterface(), a -> new Member());
      if (e.getQueue() != null) {
        m.queues.add(e.getQueue()); // it just took this queue's call: a member of it, whatever was known before
      }
      m.wrapUpUntil = wrapUpEnd(m, e.getQueue(), now);
      publish(e.getInterface(), m, now);
    }
  }

  private void ownWrapUp(String agent, Integer seconds) {
    if (agent != null && seconds != null) {
      members.computeIfAbsent(agent, a -> new Member()).ownWrapUp = Math.max(0, seconds);
    }
  }

  /** When a wrap-up that began at {@code from} after a call of {@code queue} ends; null without one. */
  private Instant wrapUpEnd(Member m, String queue, Instant from) {
    int seconds = m.ownWrapUp > 0 ? m.ownWrapUp : queue == null ? 0 : queueWrapUp.applyAsInt(queue);
    return seconds > 0 ? from.plusSeconds(seconds) : null;
  }

  /** A resync's {@code QueueStatus} members: whoever is not listed is no longer in any queue. */
  public void resync(List<QueueMemberEvent> listed, Instant now) {
    Map<String, Member> fresh = new HashMap<>();
    for (QueueMemberEvent e : listed) {
      if (e.getInterface() == null) {
        continue;
      }
      Member m = fresh.computeIfAbsent(e.getInterface(), i -> new Member());
      m.queues.add(e.getQueue());
      m.ownWrapUp = e.getWrapuptime() == null ? m.ownWrapUp : Math.max(0, e.getWrapuptime());
      if (e.getLastCall() != null && e.getLastCall() > 0 && !Integer.valueOf(1).equals(e.getIncall())) { // LastCall: epoch seconds
        Instant end = wrapUpEnd(m, e.getQueue(), Instant.ofEpochSecond(e.getLastCall()));
        m.wrapUpUntil = end != null && end.isAfter(now) && (m.wrapUpUntil == null || end.isAfter(m.wrapUpUntil))
            ? end : m.wrapUpUntil;
      }
      if (Boolean.TRUE.equals(e.getPaused())) {
        m.pausedIn.add(e.getQueue());
        m.reason = e.getPausedreason() == null ? m.reason : e.getPausedreason();
      }
    }
    for (String agent : new ArrayList<>(members.keySet())) {
      if (!fresh.containsKey(agent)) {
        Member gone = members.get(agent);
        gone.queues.clear();
        gone.pausedIn.clear();
        publish(agent, gone, now);
      }
    }
    fresh.forEach((agent, m) -> {
      Member known = members.computeIfAbsent(agent, a -> new Member());
      known.queues.clear();
      known.queues.addAll(m.queues);
      known.pausedIn.clear();
      known.pausedIn.addAll(m.pausedIn);
      known.reason = m.reason;
      known.ownWrapUp = m.ownWrapUp;
      known.wrapUpUntil = m.wrapUpUntil != null ? m.wrapUpUntil : known.wrapUpUntil;
      publish(agent, known, now);
    });
  }

  private void paused(String agent, String queue, boolean paused, String reason, Instant now) {
    if (agent == null) {
      return;
    }
    Member m = members.computeIfAbsent(agent, a -> new Member());
    if (queue != null) {
      m.queues.add(queue);
      if (paused) {
        m.pausedIn.add(queue);
      } else {
        m.pausedIn.remove(queue);
      }
    }
    if (paused && reason != null) {
      m.reason = reason;
    } else if (m.pausedIn.isEmpty()) {
      m.reason = ""; // back in every queue; still paused somewhere keeps the reason
    }
    publish(agent, m, now);
  }

  private void member(String agent, String queue, Boolean paused, String reason, Instant now) {
    if (agent == null || queue == null) {
      return;
    }
    Member m = members.computeIfAbsent(agent, a -> new Member());
    m.queues.add(queue);
    if (paused != null) {
      if (paused) {
        m.pausedIn.add(queue);
        m.reason = reason != null && !reason.isEmpty() ? reason : m.reason;
      } else {
        m.pausedIn.remove(queue);
      }
    }
    publish(agent, m, now);
  }

  private void removed(AbstractQueueMemberEvent e, Instant now) {
    Member m = members.get(e.getInterface());
    if (m != null) {
      m.queues.remove(e.getQueue());
      m.pausedIn.remove(e.getQueue());
      publish(e.getInterface(), m, now);
    }
  }

  /**
   * Hands the status on when it differs from the last one; {@code since} moves only when the standing does. A wrap-up
   * already over is not sent again with the next change.
   */
  private void publish(String agent, Member m, Instant now) {
    boolean loggedIn = !m.queues.isEmpty();
    boolean paused = loggedIn && !m.pausedIn.isEmpty();
    String reason = paused ? m.reason : null;
    if (m.wrapUpUntil != null && !m.wrapUpUntil.isAfter(now)) {
      m.wrapUpUntil = null;
    }
    Instant wrapUpUntil = loggedIn ? m.wrapUpUntil : null;
    AgentStatus last = m.last;
    boolean same = last != null && last.loggedIn() == loggedIn && last.paused() == paused
        && java.util.Objects.equals(last.pauseReason(), reason);
    if (same && java.util.Objects.equals(last.wrapUpUntil(), wrapUpUntil)) {
      return;
    }
    // only a wrap-up run out: the agent has been so since it ended, not since this event
    Instant since = same && wrapUpUntil == null && last.wrapUpUntil() != null ? last.wrapUpUntil() : now;
    m.last = new AgentStatus(agent, loggedIn, paused, reason, since, wrapUpUntil);
    changed.accept(m.last);
  }
}
