package dev.attune.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The fuzz suite's one source of bad input: seeded, so a failing case is reproduced from the seed and case number its
 * message names. The seed is {@code -Dattune.fuzz.seed} when given, else a fixed default, so CI runs the same cases
 * every time and a developer can run others; the number of cases per surface is {@code -Dattune.fuzz.cases} (default
 * {@link #DEFAULT_CASES}).
 *
 * <p>Mutations are the kinds that break parsers in the field: a bit flipped, bytes cut out or repeated, a frame cut
 * short, random bytes spliced in, a run of one byte, and the protocol's own separators put where they do not belong.
 */
public final class Fuzz {
  public static final long DEFAULT_SEED = 20261204L;
  public static final int DEFAULT_CASES = 200;

  /** Bytes that mean something to a line protocol, a JSON or YAML parser: put where they do not belong. */
  private static final String[] SPECIALS = {"\r\n", "\n", "\r\n\r\n", ":", ": ", "\u0000", "\u00ff", "\"", "{", "}",
      "[", "]", ",", "\\", "\\u0000", "- ", "#", "&a", "*a", "!!", "\t", "%", "'", "\u202e", "\ud83d\ude00", "<script>",
      "-1", "0", "9999999999999999999", "1e309", "NaN", "null", "true", "~"};

  private final long seed;
  private final Random random;

  private Fuzz(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** A generator for one surface: the run's seed mixed with the surface's name, so surfaces do not share a stream. */
  public static Fuzz forSurface(String surface) {
    return new Fuzz(runSeed() * 31 + surface.hashCode());
  }

  /** How many cases each surface runs. */
  public static int cases() {
    return Integer.getInteger("attune.fuzz.cases", DEFAULT_CASES);
  }

  public static long runSeed() {
    return Long.getLong("attune.fuzz.seed", DEFAULT_SEED);
  }

  /** Names case {@code n} for an assertion message: enough to run it again. */
  public String describe(int n) {
    return "fuzz case " + n + " (seed " + runSeed() + ", surface seed " + seed + ")";
  }

  public Random random() {
    return random;
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** {@code n} random bytes. */
  public byte[] bytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  /** One to four mutations of {@code base} (never the same bytes back: at least one mutation changes something). */
  public byte[] mutate(byte[] base) {
    byte[] out = base;
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds || Arrays.equals(out, base); i++) {
      out = mutateOnce(out);
    }
    return out;
  }

  /** {@link #mutate(byte[])} on UTF-8 text; the result may not be valid UTF-8, as real garbage is not. */
  public String mutate(String base) {
    return new String(mutate(base.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** Mutations of text by whole lines (a line dropped, repeated, swapped, or one line mutated), as edits go wrong. */
  public String mutateLines(String base) {
    List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(5)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(at));
        case 2 -> {
          int other = random.nextInt(lines.size());
          String a = lines.get(at);
          lines.set(at, lines.get(other));
          lines.set(other, a);
        }
        case 3 -> lines.set(at, " ".repeat(random.nextInt(5)) + lines.get(at)); // indentation broken
        default -> lines.set(at, mutate(lines.get(at)));
      }
      if (lines.isEmpty()) {
        lines.add(pickSpecial());
      }
    }
    String out = String.join("\n", lines);
    return out.equals(base) ? mutate(base) : out;
  }

  private byte[] mutateOnce(byte[] in) {
    if (in.length == 0) {
      return special();
    }
    int at = random.nextInt(in.length);
    return switch (random.nextInt(8)) {
      case 0 -> { // one bit flipped
        byte[] out = in.clone();
        out[at] ^= (byte) (1 << random.nextInt(8));
        yield out;
      }
      case 1 -> cut(in, at, 1 + random.nextInt(Math.max(1, Math.min(64, in.length - at))));
      case 2 -> Arrays.copyOf(in, at); // cut short
      case 3 -> splice(in, at, bytes(1 + random.nextInt(16)));
      case 4 -> splice(in, at, special());
      case 5 -> { // a range repeated
        int len = 1 + random.nextInt(Math.max(1, Math.min(64, in.length - at)));
        yield splice(in, at, Arrays.copyOfRange(in, at, Math.min(in.length, at + len)));
      }
      case 6 -> { // a long run of one byte, as a stuck sender or an overflow probe sends
        byte[] run = new byte[1 + random.nextInt(5000)];
        Arrays.fill(run, random.nextBoolean() ? (byte) 'A' : in[at]);
        yield splice(in, at, run);
      }
      default -> { // one byte replaced
        byte[] out = in.clone();
        out[at] = (byte) random.nextInt(256);
        yield out;
      }
    };
  }

  private String pickSpecial() {
    return SPECIALS[random.nextInt(SPECIALS.length)];
  }

  private byte[] special() {
    return pickSpecial().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] cut(byte[] in, int at, int len) {
    int end = Math.min(in.length, at + len);
    byte[] out = new byte[in.length - (end - at)];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, end, out, at, in.length - end);
    return out;
  }

  private static byte[] splice(byte[] in, int at, byte[] insert) {
    byte[] out = new byte[in.length + insert.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(in, at, out, at + insert.length, in.length - at);
    return out;
  }
}
