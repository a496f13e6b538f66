package dev.attune.sim;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the simulated PBX.
 *
 * @param port      0 picks a free port (read it back from {@link PbxSimulator#port()})
 * @param replay    a recorded {@code .ami} trace to replay instead of generating traffic; null to generate
 * @param realTime  replay with the recorded gaps (from the trace's {@code aux/*.chunks.jsonl}) instead of full speed
 * @param rate      generated calls offered per minute
 */
public record SimulatorOptions(String host, int port, String username, String secret, Path replay, boolean realTime,
                               double rate, long seed, List<String> queues, int agents, boolean audio) {}
