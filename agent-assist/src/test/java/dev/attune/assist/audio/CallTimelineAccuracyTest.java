package dev.attune.assist.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.assist.audio.CallTimeline.Kind;
import dev.attune.core.calls.Party;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Talk, overlap, silence, dead air and hold on a scripted two-party call made of espeak-ng speech, fed as two
 * streams in 20 ms frames with a features tick every second, against the script's own intervals (±250 ms).
 */
class CallTimelineAccuracyTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final long TOLERANCE = 250;

  record Interval(Kind kind, Party party, long start, long end) {
    boolean near(Interval o) {
      return kind == o.kind && party == o.party && Math.abs(start - o.start) <= TOLERANCE
          && Math.abs(end - o.end) <= TOLERANCE;
    }

    @Override
    public String toString() {
      return kind + (party == null ? "" : "/" + party) + "[" + (start - T0) + ".." + (end - T0) + "]";
    }
  }

  private static final List<Interval> expected = new ArrayList<>();
  private static final List<Interval> observed = new ArrayList<>();
  private static CallSpeech call;

  @BeforeAll
  static void playTheScript() throws Exception {
    List<String> lines = SpeechAccuracyTest.lines("two-party-script.tsv");
    long[] speechStart = new long[lines.size() + 1];
    long[] speechEnd = new long[lines.size() + 1];
    short[][] tracks = new short[2][8_000 * 60];
    long holdStart = -1;
    long holdEnd = -1;
    for (int n = 1; n <= lines.size(); n++) {
      String[] f = lines.get(n - 1).split("\t");
      long anchor = f[1].equals("at") ? 0 : f[1].startsWith("after:")
          ? speechEnd[Integer.parseInt(f[1].substring(6))] : speechEnd[Integer.parseInt(f[1].substring(7))];
      long at = anchor + Long.parseLong(f[2]);
      if (f[0].equals("HOLD")) {
        holdStart = at;
        holdEnd = at + Long.parseLong(f[3]);
        speechStart[n] = holdStart;
        speechEnd[n] = holdEnd;
        expected.add(new Interval(Kind.HOLD, null, T0 + holdStart, T0 + holdEnd));
        continue;
      }
      Party party = Party.valueOf(f[0]);
      short[] clip = SpeechClips.espeak(f[3], 175);
      long[] span = SpeechClips.speechSpan(clip);
      long clipAt = at - span[0]; // the line's speech, not its leading silence, starts at `at`
      System.arraycopy(clip, 0, tracks[party.ordinal()], (int) (clipAt * 8), clip.length);
      speechStart[n] = at;
      speechEnd[n] = clipAt + span[1];
    }
    // the script's truth: every speech line is a turn (the short "right" is one too), the long overlap is the
    // agent's, and the gaps are silences; the 4.5 s one is dead air
    expected.add(new Interval(Kind.TALK, Party.AGENT, T0 + speechStart[1], T0 + speechEnd[1]));
    expected.add(new Interval(Kind.TALK, Party.CUSTOMER, T0 + speechStart[2], T0 + speechEnd[2]));
    expected.add(new Interval(Kind.TALK, Party.AGENT, T0 + speechStart[3], T0 + speechEnd[3]));
    expected.add(new Interval(Kind.TALK, Party.AGENT, T0 + speechStart[4], T0 + speechEnd[4]));
    expected.add(new Interval(Kind.TALK, Party.CUSTOMER, T0 + speechStart[5], T0 + speechEnd[5]));
    expected.add(new Interval(Kind.TALK, Party.AGENT, T0 + speechStart[7], T0 + speechEnd[7]));
    expected.add(new Interval(Kind.OVERLAP, Party.AGENT, T0 + speechStart[4], T0 + speechEnd[2]));
    expected.add(new Interval(Kind.SILENCE, null, T0 + speechEnd[1], T0 + speechStart[2]));
    expected.add(new Interval(Kind.SILENCE, null, T0 + speechEnd[4], T0 + speechStart[5]));
    expected.add(new Interval(Kind.DEAD_AIR, null, T0 + speechEnd[4], T0 + speechStart[5]));
    expected.add(new Interval(Kind.SILENCE, null, T0 + holdEnd, T0 + speechStart[7]));

    call = new CallSpeech("pbx:1.0", T0, (kind, party, start, end) -> observed.add(new Interval(kind, party, start,
        end)));
    call.attach(Party.AGENT);
    call.attach(Party.CUSTOMER);
    long end = speechEnd[7] + 2_000;
    boolean held = false;
    for (long t = 0; t < end; t += 20) {
      long arrival = T0 + t + 20;
      if (!held && t >= holdStart && t < holdEnd) {
        call.hold(T0 + holdStart);
        held = true;
      } else if (held && t >= holdEnd) {
        call.resume(T0 + holdEnd);
        held = false;
      }
      for (Party p : Party.values()) {
        short[] frame = java.util.Arrays.copyOfRange(tracks[p.ordinal()], (int) (t * 8), (int) (t * 8) + 160);
        call.audio(p, frame, 8_000, arrival);
      }
      if (t % 1000 == 0) {
        call.features(arrival);
      }
    }
    call.features(T0 + end + 1_000);
    System.out.println("expected " + expected + "\nobserved " + observed);
  }

  @Test
  void talkIntervalsOfBothPartiesMatchTheScript() {
    assertMatches(Kind.TALK);
  }

  @Test
  void onlyTheLongOverlapCountsAndTheAgentStartedIt() {
    assertMatches(Kind.OVERLAP);
    assertThat(call.timeline().interruptionsStarted(Party.AGENT)).isEqualTo(1);
    assertThat(call.timeline().interruptionsStarted(Party.CUSTOMER)).isZero();
  }

  @Test
  void silencesBetweenTurnsMatchAndOnlyTheLongOneIsDeadAir() {
    assertMatches(Kind.DEAD_AIR);
    for (Interval e : expected) {
      if (e.kind() == Kind.SILENCE) {
        assertThat(observed).as("observed %s", observed).anyMatch(o -> o.near(e));
      }
    }
  }

  @Test
  void holdIsTimedAndIsNeitherSilenceNorDeadAir() {
    assertMatches(Kind.HOLD);
    Interval hold = expected.stream().filter(e -> e.kind() == Kind.HOLD).findFirst().orElseThrow();
    assertThat(observed).filteredOn(o -> o.kind() == Kind.SILENCE || o.kind() == Kind.DEAD_AIR)
        .noneMatch(o -> o.start() < hold.end() - TOLERANCE && o.end() > hold.start() + TOLERANCE);
    assertThat(call.timeline().holdMillis()).isBetween(6_000L - TOLERANCE, 6_000L + TOLERANCE);
  }

  @Test
  void talkShareAddsUpAndFollowsTheTalkTime() {
    long agent = 0;
    long customer = 0;
    for (Interval e : expected) {
      if (e.kind() == Kind.TALK) {
        if (e.party() == Party.AGENT) {
          agent += e.end() - e.start();
        } else {
          customer += e.end() - e.start();
        }
      }
    }
    double share = call.timeline().talkShare(Party.AGENT);
    assertThat(share + call.timeline().talkShare(Party.CUSTOMER)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(share).isCloseTo((double) agent / (agent + customer), org.assertj.core.data.Offset.offset(0.05));
  }

  private static void assertMatches(Kind kind) {
    List<Interval> want = expected.stream().filter(e -> e.kind() == kind).toList();
    List<Interval> got = observed.stream().filter(e -> e.kind() == kind).toList();
    assertThat(got).as("%s: expected %s, observed %s", kind, want, got).hasSameSizeAs(want);
    for (Interval w : want) {
      assertThat(got).as("%s: expected %s within %d ms, observed %s", kind, w, TOLERANCE, got).anyMatch(w::near);
    }
  }
}
