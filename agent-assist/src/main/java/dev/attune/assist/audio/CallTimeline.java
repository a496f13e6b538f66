package dev.attune.assist.audio;

import dev.attune.core.calls.Party;
import java.util.EnumMap;
import java.util.Map;

/**
 * Who spoke when on one call, from both parties' turn starts and ends: talk time per party, overlaps with who started
 * second, silences and dead air, hold. The two streams arrive independently, so each party's turn events wait in a
 * small queue and are merged in time order up to a time both streams have reached ({@link #settle}).
 * <ul>
 *   <li>Talk share = a party's talk time ÷ both parties' talk time (silence excluded, as Gong does).</li>
 *   <li>An overlap counts once it lasts {@value #MIN_OVERLAP_MS} ms; a short backchannel (the second speaker's turn
 *       under {@value #BACKCHANNEL_MS} ms and over before the first speaker's) never counts.</li>
 *   <li>Dead air = more than {@value #DEAD_AIR_MS} ms with nobody speaking while connected and not on hold.</li>
 * </ul>
 */
public final class CallTimeline {
  static final long MIN_OVERLAP_MS = 800;
  static final long BACKCHANNEL_MS = 1_200;
  static final long DEAD_AIR_MS = 3_000;
  private static final int QUEUE = 64;

  /** Intervals as they close, for tests and call summaries. */
  public enum Kind { TALK, OVERLAP, SILENCE, DEAD_AIR, HOLD }

  public interface IntervalSink {
    IntervalSink NONE = (kind, party, start, end) -> { };

    /** @param party the speaker (TALK), the one who started second (OVERLAP), null otherwise */
    void interval(Kind kind, Party party, long startMillis, long endMillis);
  }

  private final IntervalSink sink;
  private final Map<Party, long[]> queues = new EnumMap<>(Party.class);
  private final Map<Party, int[]> queueSpan = new EnumMap<>(Party.class); // {head, size}
  private final boolean[] speaking = new boolean[2];
  private final long[] turnStart = new long[2];
  private final long[] talkMillis = new long[2];
  private final int[] interruptions = new int[2];
  private long now;
  private long silenceStart;
  private boolean held;
  private long holdStart;
  private long holdMillis;
  private long deadAirMillis;
  private long overlapStart;
  private Party overlapSecond;
  private boolean overlapCounted;

  public CallTimeline(long connectedAtMillis, IntervalSink sink) {
    this.sink = sink;
    this.now = connectedAtMillis;
    this.silenceStart = connectedAtMillis;
    for (Party p : Party.values()) {
      queues.put(p, new long[QUEUE]);
      queueSpan.put(p, new int[2]);
    }
  }

  /** A listener that queues one party's turns for this timeline. */
  public VoiceActivityDetector.TurnListener turnsOf(Party party) {
    return new VoiceActivityDetector.TurnListener() {
      @Override
      public void turnStarted(long atMillis) {
        enqueue(party, atMillis, true);
      }

      @Override
      public void turnEnded(long atMillis) {
        enqueue(party, atMillis, false);
      }
    };
  }

  /** Applies queued turn events up to {@code upToMillis} (a time both streams have passed), in time order. */
  public void settle(long upToMillis) {
    while (true) {
      Party next = null;
      long nextAt = Long.MAX_VALUE;
      for (Party p : Party.values()) {
        int[] span = queueSpan.get(p);
        if (span[1] > 0) {
          long e = queues.get(p)[span[0]];
          long at = e >> 1;
          // at equal times an end goes first, so a hand-over is not an overlap
          if (at <= upToMillis && (at < nextAt || (at == nextAt && (e & 1) == 0))) {
            next = p;
            nextAt = at;
          }
        }
      }
      if (next == null) {
        break;
      }
      long e = poll(next);
      apply(next, Math.max(now, e >> 1), (e & 1) == 1);
    }
    now = Math.max(now, upToMillis);
    countOverlapIfDue();
  }

  /** The call went on hold at {@code atMillis}: open turns end there, and nothing counts as silence until resume. */
  public void hold(long atMillis) {
    if (held) {
      return;
    }
    settle(atMillis);
    for (Party p : Party.values()) {
      if (speaking[p.ordinal()]) {
        apply(p, now, false);
      }
    }
    closeSilence(now);
    held = true;
    holdStart = now;
  }

  public void resume(long atMillis) {
    if (!held) {
      return;
    }
    settle(atMillis);
    held = false;
    holdMillis += now - holdStart;
    sink.interval(Kind.HOLD, null, holdStart, now);
    silenceStart = now;
  }

  public boolean held() {
    return held;
  }

  public long settledMillis() {
    return now;
  }

  /** Share of all talk so far that is this party's (0 when nobody has spoken). */
  public double talkShare(Party party) {
    long mine = talkSoFar(party);
    long all = talkSoFar(Party.AGENT) + talkSoFar(Party.CUSTOMER);
    return all == 0 ? 0 : (double) mine / all;
  }

  public long talkMillis(Party party) {
    return talkSoFar(party);
  }

  public int interruptionsStarted(Party party) {
    return interruptions[party.ordinal()];
  }

  /** The current stretch of dead air in ms (0 unless nobody has spoken for more than 3 s, off hold). */
  public long currentDeadAirMillis() {
    long quiet = quietSoFar();
    return quiet > DEAD_AIR_MS ? quiet : 0;
  }

  /** Dead air so far, including a stretch still open. */
  public long deadAirMillis() {
    return deadAirMillis + currentDeadAirMillis();
  }

  /** Hold time so far, including a hold still open. */
  public long holdMillis() {
    return holdMillis + (held ? now - holdStart : 0);
  }

  private long quietSoFar() {
    return held || speaking[0] || speaking[1] ? 0 : now - silenceStart;
  }

  private long talkSoFar(Party party) {
    int i = party.ordinal();
    return talkMillis[i] + (speaking[i] ? now - turnStart[i] : 0);
  }

  private void apply(Party party, long at, boolean start) {
    int i = party.ordinal();
    int other = 1 - i;
    if (start) {
      if (held || speaking[i]) {
        return;
      }
      closeSilence(at);
      speaking[i] = true;
      turnStart[i] = at;
      if (speaking[other]) {
        overlapStart = at;
        overlapSecond = party;
        overlapCounted = false;
      }
      now = at;
      return;
    }
    if (!speaking[i]) {
      return;
    }
    now = at;
    if (speaking[other]) {
      closeOverlap(party, at);
    }
    speaking[i] = false;
    talkMillis[i] += at - turnStart[i];
    sink.interval(Kind.TALK, party, turnStart[i], at);
    if (!speaking[other]) {
      silenceStart = at;
    }
  }

  private void closeOverlap(Party stopping, long at) {
    long length = at - overlapStart;
    int second = overlapSecond.ordinal();
    boolean backchannel = stopping == overlapSecond && at - turnStart[second] < BACKCHANNEL_MS;
    if (length >= MIN_OVERLAP_MS && !backchannel) {
      sink.interval(Kind.OVERLAP, overlapSecond, overlapStart, at);
      if (!overlapCounted) {
        interruptions[second]++;
      }
    }
    overlapSecond = null;
  }

  /** Counts a long overlap while it is still going, so the cue can come during the interruption. */
  private void countOverlapIfDue() {
    if (overlapSecond == null || overlapCounted || !speaking[0] || !speaking[1]) {
      return;
    }
    int second = overlapSecond.ordinal();
    if (now - overlapStart >= MIN_OVERLAP_MS && now - turnStart[second] >= BACKCHANNEL_MS) {
      interruptions[second]++;
      overlapCounted = true;
    }
  }

  private void closeSilence(long at) {
    if (held || speaking[0] || speaking[1]) {
      return;
    }
    long length = at - silenceStart;
    if (length > 0) {
      sink.interval(Kind.SILENCE, null, silenceStart, at);
    }
    if (length > DEAD_AIR_MS) {
      deadAirMillis += length;
      sink.interval(Kind.DEAD_AIR, null, silenceStart, at);
    }
  }

  private void enqueue(Party party, long at, boolean start) {
    long[] q = queues.get(party);
    int[] span = queueSpan.get(party);
    if (span[1] == QUEUE) { // more than 32 turns between two settles cannot be speech: drop the oldest
      poll(party);
    }
    q[(span[0] + span[1]) % QUEUE] = (at << 1) | (start ? 1 : 0);
    span[1]++;
  }

  private long poll(Party party) {
    int[] span = queueSpan.get(party);
    long e = queues.get(party)[span[0]];
    span[0] = (span[0] + 1) % QUEUE;
    span[1]--;
    return e;
  }
}
