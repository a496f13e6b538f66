package dev.attune.assist.audio;

/**
 * Energy voice-activity detection on 10 ms frames with a noise floor that follows the line: speech is a frame
 * {@value #ABOVE_FLOOR_DB} dB over the floor (and over {@value #ABSOLUTE_MIN_DBFS} dBFS). A turn starts after
 * {@value #ONSET_FRAMES} such frames and ends after {@value #HANGOVER_FRAMES} quiet ones, so pauses between words
 * do not split a turn; the turn's reported end is its last speech frame, not the end of the hangover.
 */
final class VoiceActivityDetector {
  static final double ABOVE_FLOOR_DB = 12;
  static final double ABSOLUTE_MIN_DBFS = -50;
  static final int ONSET_FRAMES = 3;
  static final int HANGOVER_FRAMES = 30;
  /** The floor creeps up this much per frame, so it recovers from a loud start within seconds. */
  private static final double FLOOR_RISE_DB = 0.02;

  interface TurnListener {
    void turnStarted(long atMillis);

    void turnEnded(long atMillis);
  }

  private double floorDb = -70;
  private int loudRun;
  private int quietRun;
  private boolean inTurn;
  private long lastSpeechEnd;
  private long candidateStart;

  /** @return whether this frame is speech (raw decision, before the hangover) */
  boolean frame(double frameDb, long frameStartMillis, TurnListener turns) {
    floorDb = Math.max(-90, Math.min(floorDb + FLOOR_RISE_DB, Math.max(frameDb, -90)));
    boolean speech = frameDb > floorDb + ABOVE_FLOOR_DB && frameDb > ABSOLUTE_MIN_DBFS;
    long frameEnd = frameStartMillis + 10;
    if (speech) {
      if (loudRun == 0) {
        candidateStart = frameStartMillis;
      }
      loudRun++;
      quietRun = 0;
      if (inTurn) {
        lastSpeechEnd = frameEnd;
      } else if (loudRun >= ONSET_FRAMES) {
        inTurn = true;
        lastSpeechEnd = frameEnd;
        turns.turnStarted(candidateStart);
      }
    } else {
      loudRun = 0;
      if (inTurn && ++quietRun >= HANGOVER_FRAMES) {
        inTurn = false;
        turns.turnEnded(lastSpeechEnd);
      }
    }
    return speech;
  }

  /** Missing audio (no RTP, e.g. a phone on hold) is silence: end an open turn at its last speech. */
  void gap(TurnListener turns) {
    loudRun = 0;
    if (inTurn) {
      inTurn = false;
      turns.turnEnded(lastSpeechEnd);
    }
  }

  boolean inTurn() {
    return inTurn;
  }
}
