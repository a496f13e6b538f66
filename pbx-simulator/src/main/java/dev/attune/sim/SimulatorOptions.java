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
 */
public record SimulatorOptions(String host, int port, String username, String secret, Path replay, boolean realTime,
                               double rate, long seed, List<String> queues, int agents, boolean audio) {

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
