package dev.attune.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationTest {

  @Test
  void uLawDecodesToTheG711Values() {
    assertThat(SpeechClip.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(SpeechClip.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(SpeechClip.decode((byte) 0x00)).isEqualTo((short) -32124);
  }

  @Test
  void bothSidesTalkAndMostlyTakeTurns() {
    for (int call = 0; call < 12; call++) {
      Conversation conversation = new Conversation("1795425313." + call);
      int agent = 0;
      int customer = 0;
      int both = 0;
      int frames = 60 * 100; // the first minute, in 10 ms frames
      for (int f = 0; f < frames; f++) {
        boolean a = active(conversation, true, f);
        boolean c = active(conversation, false, f);
        agent += a ? 1 : 0;
        customer += c ? 1 : 0;
        both += a && c ? 1 : 0;
      }
      assertThat(agent).as("call %d agent talk", call).isGreaterThan(frames / 5);
      assertThat(customer).as("call %d customer talk", call).isGreaterThan(frames / 5);
      assertThat(both).as("call %d overlap", call).isLessThan(frames / 10);
    }
  }

  private static boolean active(Conversation conversation, boolean agentSide, int frame) {
    long peak = 0;
    for (int i = 0; i < 80; i++) {
      peak = Math.max(peak, Math.abs(conversation.sample(agentSide, frame * 80L + i)));
    }
    return peak > 500;
  }
}
