package dev.attune.sim.audio;

import java.util.List;
import java.util.Random;

/**
 * Who says what when on one simulated call. Both taps of a call build the same conversation from the call's
 * Linkedid, so the agent's and the customer's streams take turns without talking to each other: the agent greets,
 * then the parties alternate with short pauses, and now and then the customer cuts in before the agent is done.
 * The language (English or Mandarin) and the customer's voice (calm, loud and fast, or a real recorded reader) are
 * drawn per call.
 */
public final class Conversation {
  private static final int TURNS = 24;
  private static final List<SpeechClip> AGENT_EN = clips("agent-en-1", "agent-en-2", "agent-en-3");
  private static final List<SpeechClip> AGENT_ZH = clips("agent-zh-1", "agent-zh-2");
  private static final List<SpeechClip> CUSTOMER_CALM = clips("customer-en-calm");
  private static final List<SpeechClip> CUSTOMER_LOUD = clips("customer-en-loud-fast");
  private static final List<SpeechClip> CUSTOMER_ZH = clips("customer-zh-1");
  private static final List<SpeechClip> CUSTOMER_REAL = clips("customer-en-real-1", "customer-en-real-2");

  private final SpeechClip[] clips = new SpeechClip[TURNS];
  private final int[] startMillis = new int[TURNS];
  private final boolean[] agentTurn = new boolean[TURNS];
  private final int lengthMillis;

  public Conversation(String linkedid) {
    Random random = new Random(linkedid.hashCode());
    boolean mandarin = random.nextInt(3) == 0;
    int manner = random.nextInt(3);
    boolean upset = !mandarin && manner == 0;
    List<SpeechClip> agent = mandarin ? AGENT_ZH : AGENT_EN;
    List<SpeechClip> customer = mandarin ? CUSTOMER_ZH : upset ? CUSTOMER_LOUD : manner == 1 ? CUSTOMER_REAL
        : CUSTOMER_CALM;
    int t = 600;
    for (int k = 0; k < TURNS; k++) {
      agentTurn[k] = k % 2 == 0;
      clips[k] = (agentTurn[k] ? agent : customer).get((k / 2) % (agentTurn[k] ? agent : customer).size());
      startMillis[k] = t;
      int pause = 300 + random.nextInt(700);
      if (upset && agentTurn[k] && random.nextInt(3) == 0) {
        pause = -1200; // the upset customer starts before the agent has finished
      }
      t += clips[k].millis() + pause;
    }
    lengthMillis = t + 2_000;
  }

  /** The sample this party sends at sample index {@code n} (8 kHz) of its stream; the talk repeats after the end. */
  public short sample(boolean agentSide, long n) {
    int ms = (int) ((n / 8) % lengthMillis);
    for (int k = 0; k < TURNS; k++) {
      if (agentTurn[k] == agentSide && ms >= startMillis[k] && ms < startMillis[k] + clips[k].millis()) {
        int i = (int) (n % ((long) lengthMillis * 8)) - startMillis[k] * 8;
        return clips[k].samples()[Math.min(i, clips[k].samples().length - 1)];
      }
    }
    return (short) ((n * 7919) % 7 - 3); // a faint line noise between turns, like a real phone
  }

  private static List<SpeechClip> clips(String... names) {
    return java.util.Arrays.stream(names).map(SpeechClip::load).toList();
  }
}
