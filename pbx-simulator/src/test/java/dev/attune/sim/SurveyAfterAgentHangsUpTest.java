package dev.attune.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.sim.agi.AgiKey;
import dev.attune.sim.traffic.ScriptedCall;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With the survey on, the agent hanging up first is trace 04 up to the bridge's end, and then the caller, not hung up
 * ({@code Queue(...,c)}), is in {@code AGI(agi://.../survey)}: the simulator connects to the FastAGI server with that
 * channel's {@code agi_*} environment, answers as res_agi does, and the caller's Hangup comes only after the session.
 */
class SurveyAfterAgentHangsUpTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
  private ManagerConnection ami;

  @AfterEach
  void close() throws Exception {
    if (ami != null) {
      ami.logoff();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theCallerTakesTheSurveyOverFastAgiAndHangsUpOnlyAfterIt() throws Exception {
    try (ServerSocket fastAgi = new ServerSocket(0)) {
      CountDownLatch proceed = new CountDownLatch(1);
      SurveyServer server = new SurveyServer(fastAgi, proceed);
      server.start();
      PbxSimulator sim = PbxSimulator.start(vertx, new SimulatorOptions("127.0.0.1", 0, "attune", "s3cret", null,
          false, 0, 1, List.of("support"), 2, false,
          new SimulatorOptions.Survey(true, "127.0.0.1", fastAgi.getLocalPort()), 0)).await(10, TimeUnit.SECONDS);
      ami = new ManagerConnectionFactory("127.0.0.1", sim.port(), "attune", "s3cret").createManagerConnection();
      ami.addEventListener(events::add);
      ami.login();

      String callId = sim.offer(new ScriptedCall("+15551230099", "Sam Survey", "support", 0.5,
          List.of(AgiKey.digit('5')))).await(10, TimeUnit.SECONDS);
      String caller = callId.substring(callId.indexOf(':') + 1);

      AmiWireTest.await(() -> events.stream().anyMatch(BridgeDestroyEvent.class::isInstance));
      AmiWireTest.await(() -> server.environment.size() == 23);
      assertThat(hangupOf(caller)).as("the caller is still on the line while the survey runs").isNull();
      proceed.countDown();
      AmiWireTest.await(() -> events.stream().anyMatch(org.asteriskjava.manager.event.CdrEvent.class::isInstance));
      server.join(10_000);

      List<String> afterTheAgent = new ArrayList<>();
      boolean from = false;
      for (ManagerEvent e : events) {
        from |= e instanceof AgentCompleteEvent;
        // Asterisk-Java adds a legacy "Bridge" (Unlink) event of its own for a two-party bridge: not on the wire
        if (from && e.getClass() != org.asteriskjava.manager.event.BridgeEvent.class) {
          String who = e instanceof AbstractChannelEvent c ? (caller.equals(c.getUniqueId()) ? " caller" : " agent")
              : e instanceof BridgeLeaveEvent b ? (caller.equals(b.getUniqueId()) ? " caller" : " agent") : "";
          afterTheAgent.add(e.getClass().getSimpleName().replace("Event", "") + who);
        }
      }
      assertThat(afterTheAgent).as("trace 04 without the caller's SoftHangupRequest, then the caller's Hangup")
          .containsExactly("AgentComplete", "BridgeLeave agent", "Hangup agent", "QueueMemberStatus",
              "BridgeLeave caller", "BridgeDestroy", "Hangup caller", "Cdr");
      HangupEvent hangup = hangupOf(caller);
      assertThat(hangup.getCause()).isEqualTo(16);
      assertThat(hangup.getPriority()).as("the dialplan's Hangup() after the AGI() after Queue()").isEqualTo(9);
      assertThat(((AgentCompleteEvent) events.stream().filter(AgentCompleteEvent.class::isInstance).findFirst()
          .orElseThrow()).getReason()).isEqualTo("agent");

      assertThat(server.environment).startsWith("agi_network: yes", "agi_network_script: survey",
          "agi_request: agi://127.0.0.1:" + fastAgi.getLocalPort() + "/survey");
      assertThat(server.environment).contains("agi_uniqueid: " + caller, "agi_type: PJSIP", "agi_version: 20.20.1",
          "agi_callerid: +15551230099", "agi_calleridname: Sam Survey", "agi_context: from-pstn",
          "agi_extension: 100", "agi_priority: 8", "agi_accountcode: ");
      assertThat(server.environment).anyMatch(l -> l.matches("agi_channel: PJSIP/trunk-[0-9a-f]{8}"));
      assertThat(server.environment.get(server.environment.size() - 1)).as("the blank line ending it").isEmpty();
      assertThat(server.replies).containsExactly("200 result=1 (" + caller + ")", "200 result=1 ()",
          "200 result=1", "200 result=5", "200 result=0 endpos=8000");
    }
  }

  private HangupEvent hangupOf(String uniqueid) {
    return events.stream().filter(HangupEvent.class::isInstance).map(HangupEvent.class::cast)
        .filter(h -> uniqueid.equals(h.getUniqueId())).findFirst().orElse(null);
  }

  /** The server side of one survey, as Asterisk-Java's FastAGI server would send it, on a plain socket. */
  private static final class SurveyServer extends Thread {
    final List<String> environment = new CopyOnWriteArrayList<>();
    final List<String> replies = new CopyOnWriteArrayList<>();
    private final ServerSocket listening;
    private final CountDownLatch proceed;

    SurveyServer(ServerSocket listening, CountDownLatch proceed) {
      this.listening = listening;
      this.proceed = proceed;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (Socket socket = listening.accept()) {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String line;
        do {
          line = readLine(in);
          environment.add(line);
        } while (line != null && !line.isEmpty());
        proceed.await(20, TimeUnit.SECONDS);
        for (String command : List.of("GET VARIABLE CHANNEL(linkedid)", "GET FULL VARIABLE ${SYSTEMNAME}",
            "SET VARIABLE \"CHANNEL(language)\" \"en\"", "GET DATA attune/survey-ask 6000 1",
            "STREAM FILE attune/survey-thanks \"\"")) {
          out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          replies.add(readLine(in));
        }
      } catch (IOException | InterruptedException e) {
        replies.add("server failed: " + e);
      }
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        if (b == '\r') {
          line.write("\\r".getBytes(StandardCharsets.UTF_8)); // would show in the assertion: res_agi sends bare LF
        } else {
          line.write(b);
        }
      }
      return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
  }
}
