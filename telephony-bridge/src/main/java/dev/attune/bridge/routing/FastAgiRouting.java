package dev.attune.bridge.routing;

import com.hazelcast.core.HazelcastInstance;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.LiveConfigFile;
import dev.attune.core.net.SourceGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server (Asterisk-Java {@link DefaultAgiServer} on its own thread) serving the {@code route} script and
 * the post-call {@code survey}.
 * Port 0 picks a free port (tests); {@link #port()} tells which.
 */
public final class FastAgiRouting {
  private static final Logger log = LoggerFactory.getLogger(FastAgiRouting.class);
  /** Short: a routing session is a handful of lines; a stuck socket must not hold a worker. */
  private static final int SOCKET_READ_TIMEOUT_MS = 10_000;

  /** An empty request (what is left of one {@link AgiRequestCheck} refused) runs nothing. */
  private static final AgiScript NOTHING = (request, channel) -> { };

  private final String host;
  private final int requestedPort;
  private final SourceGate gate;
  private final LiveConfigFile<RoutingRules> rules;
  private final RouteScript script;
  private final AgiScript survey;
  private final MeterRegistry registry;
  private AgiServerThread thread;
  private int port;

  public FastAgiRouting(String host, int port, SourceGate gate, MeterRegistry registry, Path rulesFile,
      HazelcastInstance hazelcast, OpenPromiseAgents promises, AgiScript survey, CustomerKeys keys, Clock clock) {
    this.host = host;
    this.registry = registry;
    this.survey = survey;
    this.requestedPort = port;
    this.gate = gate;
    this.rules = LiveConfigFile.load("routing rules", rulesFile, 1000, RoutingRulesParser::parse);
    this.script = new RouteScript(rules, hazelcast, promises, keys, clock);
  }

  /** From the node configuration: {@code fastagi.host}, {@code .port}, {@code .allowFrom}, {@code .rulesFile}. */
  public FastAgiRouting(AttuneConfig.FastAgi config, HazelcastInstance hazelcast, OpenPromiseAgents promises,
      AgiScript survey, CustomerKeys keys, MeterRegistry registry) {
    this(config.host(), config.port(), new SourceGate("fastagi.allowFrom", config.allowFrom(), registry), registry,
        Path.of(config.rulesFile()), hazelcast, promises, survey, keys, Clock.systemDefaultZone());
  }

  /** Binds and starts serving; returns once the port accepts connections. */
  public synchronized void start() throws IOException {
    InetAddress address = InetAddress.getByName(host);
    port = requestedPort != 0 ? requestedPort : freePort(address);
    CompletableFuture<Void> bound = new CompletableFuture<>();
    DefaultAgiServer server = new DefaultAgiServer() {
      @Override
      protected ServerSocketFacade createServerSocket() throws IOException {
        try {
          ServerSocketFacade socket = new GatedAgiServerSocket(super.createServerSocket(), gate, registry);
          bound.complete(null);
          return socket;
        } catch (IOException e) {
          bound.completeExceptionally(e);
          throw e;
        }
      }
    };
    server.setAddress(address);
    server.setPort(port);
    server.setSocketReadTimeout(SOCKET_READ_TIMEOUT_MS);
    // Unknown script names get null: Asterisk-Java then logs them and sets AJ_AGISTATUS=NOT_FOUND for the dialplan.
    server.setMappingStrategy((request, channel) -> request.getScript() == null ? NOTHING
        : "route".equals(request.getScript()) ? script
        : "survey".equals(request.getScript()) ? survey : null);
    thread = new AgiServerThread(server);
    thread.setDaemon(true);
    thread.startup();
    try {
      bound.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      stop();
      throw new IOException("FastAGI server could not bind " + host + ":" + port,
          e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
    }
    log.info("FastAGI routing listening on {}:{}", host, port);
  }

  public synchronized void stop() {
    if (thread != null) {
      try {
        thread.shutdown();
      } catch (IllegalStateException e) {
        log.debug("FastAGI server already stopped");
      }
      thread = null;
    }
  }

  public int port() {
    return port;
  }

  public LiveConfigFile<RoutingRules> rules() {
    return rules;
  }

  private static int freePort(InetAddress address) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return probe.getLocalPort();
    }
  }
}
