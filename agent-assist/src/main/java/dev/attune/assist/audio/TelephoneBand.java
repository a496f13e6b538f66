package dev.attune.assist.audio;

/**
 * Cuts audio of any AudioSocket rate into 10 ms frames at 8 kHz, the rate every analyser works at (telephone speech
 * carries nothing the features need above 4 kHz). Integer ratios are box-averaged, others linearly interpolated.
 * Holds one partial frame.
 */
final class TelephoneBand {
  static final int RATE = 8_000;
  static final int FRAME = 80;

  interface FrameSink {
    void frame(float[] samples);
  }

  private final float[] frame = new float[FRAME];
  private int fill;
  private double position; // fractional read position for non-integer ratios
  private float previous;
  private double boxSum;
  private int boxCount;

  void accept(short[] samples, int sampleRate, FrameSink sink) {
    if (sampleRate == RATE) {
      for (short s : samples) {
        push(s / 32768f, sink);
      }
    } else if (sampleRate % RATE == 0) {
      int k = sampleRate / RATE;
      for (short s : samples) {
        boxSum += s;
        if (++boxCount == k) {
          push((float) (boxSum / k / 32768.0), sink);
          boxSum = 0;
          boxCount = 0;
        }
      }
    } else {
      double step = (double) sampleRate / RATE;
      for (short s : samples) {
        float current = s / 32768f;
        while (position <= 1.0) { // interpolate between previous (0) and current (1)
          push((float) (previous + (current - previous) * position), sink);
          position += step;
        }
        position -= 1.0;
        previous = current;
      }
    }
  }

  private void push(float sample, FrameSink sink) {
    frame[fill++] = sample;
    if (fill == FRAME) {
      fill = 0;
      sink.frame(frame);
    }
  }
}
