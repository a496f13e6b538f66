package dev.attune.assist.audio;

import java.util.UUID;

/**
 * One decoded AudioSocket frame ({@code [type:1][length:2, big-endian][payload]}). Audio keeps its sample rate, which
 * the type code carries ({@code 0x10} = 8 kHz, {@code 0x12} = 16 kHz, ...).
 */
public sealed interface AudioSocketFrame {

  /** {@code 0x00}: the peer is done. Asterisk usually just closes the socket instead. */
  record Hangup() implements AudioSocketFrame {}

  /** {@code 0x01}: the stream's identity, always the first frame. */
  record Identity(UUID uuid) implements AudioSocketFrame {}

  /** {@code 0x03}: one key pressed, as its ASCII character. */
  record Dtmf(char digit) implements AudioSocketFrame {}

  /** {@code 0x10}–{@code 0x18}: signed 16-bit little-endian mono samples. */
  record Audio(int sampleRate, short[] samples) implements AudioSocketFrame {
    /** Milliseconds of sound in this frame. */
    public double millis() {
      return samples.length * 1000.0 / sampleRate;
    }
  }

  /** {@code 0xFF}: the PBX reports a problem; {@code code} is 0 when the payload is empty. */
  record Error(int code) implements AudioSocketFrame {}
}
