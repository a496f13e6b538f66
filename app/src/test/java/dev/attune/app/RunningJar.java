package dev.attune.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar app/target/attune-all.jar} as a child process, started from the repository root as the README
 * says, with its output in a log file the assertions can show.
 */
final class RunningJar implements AutoCloseable {
  private final Process process;
  private final Path log;

  private RunningJar(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static RunningJar start(String name, Map<String, String> env, String... args) throws IOException {
    return startIn(TestCluster.projectDir(), name, env, args);
  }

  /** The jar started with {@code workingDir} as its working directory. */
  static RunningJar startIn(Path workingDir, String name, Map<String, String> env, String... args) throws IOException {
    Path jar = Path.of(System.getProperty("attune.jar", "app/target/attune-all.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests with mvn verify (package comes first)");
    }
    Path log = jar.getParent().resolve("it-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ATTUNE_")); // only what the test says
    builder.environment().putAll(env);
    return new RunningJar(builder.start(), log);
  }

  /**
   * The demo (built-in simulator) on free ports with its own cluster and data folder: what the jar tests start.
   * Busy traffic so calls finish quickly.
   */
  static java.util.Map<String, String> demoEnv(int httpPort, java.nio.file.Path dataDir) {
    int clusterPort = dev.attune.core.testing.FreePorts.block(10);
    java.util.Map<String, String> env = new java.util.HashMap<>();
    env.put("ATTUNE_HTTP_HOST", "127.0.0.1");
    env.put("ATTUNE_HTTP_PORT", String.valueOf(httpPort));
    env.put("ATTUNE_CLUSTER_NAME", "attune-it-" + java.util.UUID.randomUUID());
    env.put("ATTUNE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("ATTUNE_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("ATTUNE_AUDIOSOCKET_PORT", "0");
    env.put("ATTUNE_FASTAGI_PORT", "0");
    env.put("ATTUNE_DATA_DIR", dataDir.toString());
    return env;
  }

  private static final java.util.regex.Pattern NODE_UP =
      java.util.regex.Pattern.compile("Attune node up: http://[^ /]+:(\\d+)/");

  /**
   * The HTTP port the node says it bound ({@code http.port} 0 lets the OS choose: a port probed free beforehand can
   * be taken by the node's own other listeners before the web edge binds it). Fails at once if the process exits.
   */
  int httpPort(java.time.Duration within) throws InterruptedException {
    String up = Eventually.await("'Attune node up' in " + log.getFileName(), within, () -> {
      java.util.regex.Matcher m = NODE_UP.matcher(output());
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        throw new AssertionError("the node exited before it was up:\n" + output());
      }
      return null;
    }, found -> found != null);
    return Integer.parseInt(up);
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, as an init system sends it; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  /** SIGKILL: the process dies at once, with no shutdown hook and no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process survived SIGKILL");
    }
  }

  int waitForExit() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit; output:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
    }
  }
}
