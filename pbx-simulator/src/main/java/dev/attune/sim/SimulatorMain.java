package dev.attune.sim;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the simulated PBX on its own, so it can stand in for Asterisk in front of any AMI client:
 * {@code java -jar pbx-simulator-…-all.jar --port 5038 --username attune --secret s3cret [--replay FILE[,FILE2]]
 * [--realtime] [--rate 6] [--seed 42] [--queues support,sales] [--agents 6] [--host 127.0.0.1]
 * [--survey 127.0.0.1:4573] [--wrap-up 0]}.
 */
public final class SimulatorMain {
  static final String USAGE = """
      usage: pbx-simulator --secret SECRET [--port 5038] [--host 127.0.0.1] [--username attune]
                           [--replay FILE[,FILE2...]] [--realtime] [--rate CALLS_PER_MINUTE] [--seed N]
                           [--queues q1,q2] [--agents N] [--survey HOST:PORT] [--wrap-up SECONDS]
        --replay    replay recorded .ami traces (several: played in turn, with a link drop between them)
        --realtime  replay with the recorded timing (needs aux/<trace>.chunks.jsonl beside the trace)
        --survey    after the agent hangs up, the caller takes the post-call survey over FastAGI at HOST:PORT
                    (agi://HOST:PORT/survey, as Queue(...,c) then AGI() would) before hanging up
        --wrap-up   each agent's own wrapuptime: no queue call for this long after one ends (default 0)
        without --replay, seeded call-center traffic is generated at --rate calls per minute""";

  private SimulatorMain() {}

  public static void main(String[] args) {
    SimulatorOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("pbx-simulator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    PbxSimulator.start(vertx, options).onSuccess(sim -> System.out.println(
            "PBX simulator: AMI on " + options.host() + ":" + sim.port() + " user " + options.username()))
        .onFailure(err -> {
          System.err.println("pbx-simulator: " + err.getMessage());
          System.exit(1);
        });
  }

  static SimulatorOptions parse(String[] args) {
    String host = "127.0.0.1";
    int port = 5038;
    String username = "attune";
    String secret = null;
    Path replay = null;
    boolean realTime = false;
    double rate = 6;
    long seed = 42;
    List<String> queues = List.of("support", "sales");
    int agents = 6;
    int wrapUp = 0;
    SimulatorOptions.Survey survey = SimulatorOptions.Survey.OFF;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--realtime")) {
        realTime = true;
        continue;
      }
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException("help");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--host" -> host = v;
        case "--port" -> port = number(a, v, 0, 65535);
        case "--username" -> username = v;
        case "--secret" -> secret = v;
        case "--replay" -> {
          replay = Path.of(v);
          for (Path p : new SimulatorOptions(host, 0, "", "", replay, false, 0, 0, List.of(), 1, false).replays()) {
            if (!Files.isReadable(p)) {
              throw new IllegalArgumentException("--replay: cannot read " + p);
            }
          }
        }
        case "--rate" -> {
          try {
            rate = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate: '" + v + "' is not a number of calls per minute");
          }
          if (rate < 0 || rate > 6000) {
            throw new IllegalArgumentException("--rate: " + v + " is out of range 0..6000");
          }
        }
        case "--seed" -> {
          try {
            seed = Long.parseLong(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed: '" + v + "' is not a whole number");
          }
        }
        case "--queues" -> queues = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        case "--agents" -> agents = number(a, v, 1, 500);
        case "--wrap-up" -> wrapUp = number(a, v, 0, 3600);
        case "--survey" -> {
          int colon = v.lastIndexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--survey: '" + v + "' is not HOST:PORT of a FastAGI server");
          }
          survey = new SimulatorOptions.Survey(true, v.substring(0, colon), number(a, v.substring(colon + 1), 1, 65535));
        }
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("--secret is required (the AMI password clients log in with)");
    }
    return new SimulatorOptions(host, port, username, secret, replay, realTime, rate, seed, queues, agents, false,
        survey, wrapUp);
  }

  private static int number(String option, String v, int min, int max) {
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + ": " + n + " is out of range " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
    }
  }
}
