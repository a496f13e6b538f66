package dev.attune.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator on the wire, as an AMI client sees it: real TCP, real Asterisk-Java. */
class AmiWireTest {
  static final Path TRACES = Path.of(System.getProperty("attune.project.dir"), "testdata", "ami-traces");
  private final Vertx vertx = Vertx.vertx();
  private final List<ManagerConnection> connections = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    connections.forEach(c -> {
      try {
        c.logoff();
      } catch (RuntimeException ignored) {
        // already gone
      }
    });
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private PbxSimulator start(Path replay) throws Exception {
    return PbxSimulator.start(vertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret", replay, false, 0, 1,
        List.of("support"), 3, false)).await(10, TimeUnit.SECONDS);
  }

  @Test
  void asteriskJavaLogsInWithMd5AndReceivesTypedEvents() throws Exception {
    PbxSimulator sim = start(TRACES.resolve("01-answered.ami"));
    ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", sim.port(), "attune", "s3cret")
        .createManagerConnection();
    connections.add(connection);
    List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    connection.addEventListener(events::add);
    connection.login();
    await(() -> events.stream().anyMatch(e -> e instanceof AgentConnectEvent));
    NewChannelEvent first = events.stream().filter(NewChannelEvent.class::isInstance).map(NewChannelEvent.class::cast)
        .findFirst().orElseThrow();
    assertThat(first.getUniqueId()).isEqualTo("1795407672.0");
    assertThat(first.getCallerIdNum()).isEqualTo("+15551230001");
    assertThat(first.getTimestamp()).isEqualTo(1795407672.272989);
  }

  @Test
  void wrongSecretIsRefusedAsAsteriskDoes() throws Exception {
    PbxSimulator sim = start(null);
    ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", sim.port(), "attune", "wrong")
        .createManagerConnection();
    org.assertj.core.api.Assertions.assertThatThrownBy(connection::login)
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void actionsBeforeLoginArePermissionDeniedAndTheBannerComesAlone() throws Exception {
    PbxSimulator sim = start(null);
    try (Socket socket = new Socket("127.0.0.1", sim.port())) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/9.0.0");
      OutputStream out = socket.getOutputStream();
      out.write("Action: CoreShowChannels\r\nActionID: x1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("Response: Error");
      assertThat(in.readLine()).isEqualTo("ActionID: x1");
      assertThat(in.readLine()).isEqualTo("Message: Permission denied");
      assertThat(in.readLine()).isEmpty();
      // bare LF line ends are accepted, like Asterisk's get_input
      out.write("Action: Login\nUsername: attune\nSecret: s3cret\nEvents: off\n\n".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("Response: Success");
      assertThat(in.readLine()).isEqualTo("Message: Authentication accepted");
      assertThat(in.readLine()).isEmpty(); // and no FullyBooted: the client asked for no events
      out.write("Action: Frobnicate\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("Response: Error");
      assertThat(in.readLine()).startsWith("Message: Invalid/unknown command: Frobnicate.");
    }
  }

  @Test
  void afterReplayingUpToTheCutCoreShowChannelsListsWhatTheRecordedResyncShowed() throws Exception {
    PbxSimulator sim = start(TRACES.resolve("08-reconnect.ami"));
    ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", sim.port(), "attune", "s3cret")
        .createManagerConnection();
    connections.add(connection);
    connection.login();
    sim.replayFinished().await(10, TimeUnit.SECONDS);
    var result = connection.sendEventGeneratingAction(new org.asteriskjava.manager.action.CoreShowChannelsAction());
    List<String> ids = result.getEvents().stream()
        .filter(org.asteriskjava.manager.event.CoreShowChannelEvent.class::isInstance)
        .map(e -> ((org.asteriskjava.manager.event.CoreShowChannelEvent) e).getUniqueid()).sorted().toList();
    // the four channels the real Asterisk listed in 08-reconnect-resync.ami
    assertThat(ids).containsExactly("1795407806.0", "1795407807.1", "1795407809.2", "1795407810.3");
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within 15 s");
      }
      Thread.sleep(20);
    }
  }
}
