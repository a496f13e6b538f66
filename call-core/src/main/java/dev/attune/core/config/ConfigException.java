package dev.attune.core.config;

import java.util.List;

/** Start-up configuration is wrong; the message lists every problem, each naming its key and where it came from. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * A server could not listen where the configuration says (the port is taken, or needs privileges): the key, the
   * address and how to change it, instead of a bare {@code BindException}.
   */
  public static ConfigException cannotListen(String portKey, String host, int port, Throwable cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ConfigException(List.of(portKey + ": cannot listen on " + host + ":" + port + " (" + why
        + "); stop what holds it or choose another port (" + RawConfig.envName(portKey) + ")"));
  }

  public List<String> problems() {
    return problems;
  }
}
