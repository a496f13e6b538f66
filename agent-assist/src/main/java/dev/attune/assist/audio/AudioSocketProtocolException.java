package dev.attune.assist.audio;

/** A stream broke the AudioSocket frame protocol; the stream is closed, the server keeps serving the others. */
public final class AudioSocketProtocolException extends RuntimeException {

  /** What went wrong, also the {@code problem} tag of the bad-stream metric. */
  public enum Problem { UNKNOWN_TYPE, OVERSIZE, BAD_PAYLOAD, NO_IDENTITY_FIRST, UNKNOWN_TAP, TRUNCATED }

  private final Problem problem;

  public AudioSocketProtocolException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
