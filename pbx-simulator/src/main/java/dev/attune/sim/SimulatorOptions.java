package dev.attune.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run the simulated PBX.
 *
 * @param port      0 picks a free port (read it back from {@link PbxSimulator#port()})
 * @param replay    a recorded {@code .ami} trace to replay instead of generating traffic; several files separated
 *                  by commas are played one after another with a link drop between them; null to generate
 * @param realTime  replay with the recorded gaps (from the trace's {@code aux/*.chunks.jsonl}) instead of full speed
 * @param rate      generated calls offered per minute
 * @param survey    whether callers whose agent hung up take the post-call survey, and where its FastAGI server is
 * @param wrapUpSeconds each agent's own {@code wrapuptime}: no queue call for this long after one ends (0: none)
 * @param maxGapSeconds with {@code realTime}, a recorded gap longer than this is cut to it (0: none), so a test
 *                  replays every trace with real gaps between events without waiting out each call's talk time
 */
public record SimulatorOptions(String host, int port, String username, String secret, Path replay, boolean realTime,
                               double rate, long seed, List<String> queues, int agents, boolean audio, Survey survey,
                               int wrapUpSeconds, double maxGapSeconds) {

  /**
   * The dialplan's {@code Queue(...,c)} then {@code AGI(agi://host:port/survey)}: when on, a caller whose agent hung up
   * stays on the line for the survey over FastAGI, and only then hangs up.
   */
  public record Survey(boolean enabled, String host, int port) {
    public static final Survey OFF = new Survey(false, "127.0.0.1", 4573);

    public Survey {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("survey FastAGI port " + port + " is out of range 1..65535");
      }
    }

    /** What the dialplan's {@code AGI()} names, and res_agi repeats as {@code agi_request}. */
    public String request() {
      return "agi://" + host + ":" + port + "/survey";
    }
  }

  public SimulatorOptions {
    survey = survey == null ? Survey.OFF : survey;
    if (wrapUpSeconds < 0) {
      throw new IllegalArgumentException("wrap-up of " + wrapUpSeconds + " s: expected 0 or more");
    }
    if (maxGapSeconds < 0) {
      throw new IllegalArgumentException("a longest gap of " + maxGapSeconds + " s: expected 0 (none) or more");
    }
  }

  /** Recorded gaps kept as they are. */
  public SimulatorOptions(String host, int port, String username, String secret, Path replay, boolean realTime,
                          double rate, long seed, List<String> queues, int agents, boolean audio, Survey survey,
                          int wrapUpSeconds) {
    this(host, port, username, secret, replay, realTime, rate, seed, queues, agents, audio, survey, wrapUpSeconds, 0);
  }

  /** Without the survey (callers are hung up with their agent, as {@code Queue()} without {@code c} does). */
  public SimulatorOptions(String host, int port, String username, String secret, Path replay, boolean realTime,
                          double rate, long seed, List<String> queues, int agents, boolean audio) {
    this(host, port, username, secret, replay, realTime, rate, seed, queues, agents, audio, Survey.OFF, 0);
  }

  /** The replay files in order (a comma-separated {@code replay} names several). */
  public List<Path> replays() {
    if (replay == null) {
      return List.of();
    }
    String[] parts = replay.toString().split(",");
    Path first = Path.of(parts[0].trim());
    List<Path> out = new ArrayList<>(List.of(first));
    for (int i = 1; i < parts.length; i++) { // later names are relative to the first file's folder
      Path p = Path.of(parts[i].trim());
      out.add(p.isAbsolute() || first.getParent() == null ? p : first.getParent().resolve(p));
    }
    return out;
  }
}
