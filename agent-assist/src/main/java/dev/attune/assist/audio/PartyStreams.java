package dev.attune.assist.audio;

import dev.attune.core.calls.AudioTap;

/** Where the AudioSocket server hands each identified stream: one party's voice on one call. */
public interface PartyStreams {

  /** A tap connected; the returned sink gets its audio until {@link PartyStream#closed()}. */
  PartyStream open(AudioTap tap);

  /** One party's audio as it arrives. */
  interface PartyStream {
    /** @param arrivalMillis wall-clock time the frame arrived (frames carry no timestamps) */
    void audio(AudioSocketFrame.Audio frame, long arrivalMillis);

    /** Hangup frame, EOF or a protocol error: no more audio comes. */
    void closed();
  }
}
