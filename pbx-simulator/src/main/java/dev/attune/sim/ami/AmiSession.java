package dev.attune.sim.ami;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One AMI client connection, speaking as Asterisk 20's {@code manager.c} does: the banner, Challenge/MD5 or plain
 * Login, the event mask, then actions. Anything the PBX itself must do (list actions, Originate) goes to the
 * {@link AmiServer.Pbx}.
 */
public final class AmiSession {
  public static final String BANNER = "Asterisk Call Manager/9.0.0\r\n";
  private static final Set<String> BEFORE_LOGIN = Set.of("login", "logoff", "challenge");

  private final NetSocket socket;
  private final AmiServer server;
  private final String username;
  private final String secret;
  private String challenge;
  private boolean authenticated;
  private boolean closed;
  /** Completes once everything sent so far is written to the socket. */
  private Future<Void> lastWrite = Future.succeededFuture();
  /** null = all events; empty = none; else the privilege classes wanted. */
  private Set<String> eventClasses;

  AmiSession(NetSocket socket, AmiServer server, String username, String secret) {
    this.socket = socket;
    this.server = server;
    this.username = username;
    this.secret = secret;
    ActionReader reader = new ActionReader(this::onAction,
        problem -> write(AmiMessage.response("Error", null).add("Message", problem)));
    socket.handler(reader::feed);
    socket.closeHandler(v -> {
      closed = true;
      server.sessionClosed(this);
    });
    socket.exceptionHandler(err -> socket.close());
    lastWrite = socket.write(BANNER);
  }

  public boolean authenticated() {
    return authenticated && !closed;
  }

  /** Sends an unsolicited event if this client's mask lets it through. */
  public void sendEvent(AmiMessage event) {
    if (!authenticated() || !wants(event.get("Privilege"))) {
      return;
    }
    write(event);
  }

  /** Sends raw bytes (test hook: malformed frames, garbage). */
  public void sendRaw(Buffer bytes) {
    if (!closed) {
      lastWrite = socket.write(bytes);
    }
  }

  /**
   * Cuts the TCP connection without a Goodbye, as a network failure would: what was sent before the cut still arrives
   * (a close with writes still queued would silently discard them, which no PBX does to bytes it already sent), and
   * nothing after it.
   */
  public void drop() {
    closed = true;
    lastWrite.onComplete(v -> socket.close());
  }

  private boolean wants(String privilege) {
    if (eventClasses == null) {
      return true;
    }
    if (eventClasses.isEmpty() || privilege == null) {
      return false;
    }
    for (String c : privilege.split(",")) {
      if (eventClasses.contains(c.trim().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  void write(AmiMessage m) {
    if (!closed) {
      lastWrite = socket.write(m.render());
    }
  }

  private void onAction(AmiMessage action) {
    String name = action.get("Action");
    String id = action.get("ActionID");
    if (name == null || name.isBlank()) {
      write(AmiMessage.response("Error", id).add("Message", "Missing action in request"));
      return;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!authenticated && !BEFORE_LOGIN.contains(lower)) {
      write(AmiMessage.response("Error", id).add("Message", "Permission denied"));
      return;
    }
    switch (lower) {
      case "challenge" -> challenge(action, id);
      case "login" -> login(action, id);
      case "logoff" -> {
        write(AmiMessage.response("Goodbye", id).add("Message", "Thanks for all the fish."));
        closed = true;
        socket.end();
      }
      case "ping" -> write(AmiMessage.response("Success", id).add("Ping", "Pong")
          .add("Timestamp", String.format(Locale.ROOT, "%.6f", server.pbx().now())));
      case "events" -> {
        eventClasses = mask(action.get("EventMask"));
        write(AmiMessage.response("Success", id).add("Events", eventClasses == null ? "On" : "Off"));
      }
      case "coresettings" -> write(AmiMessage.response("Success", id).add("AMIversion", "9.0.0")
          .add("AsteriskVersion", "20.20.1").add("SystemName", server.pbx().systemName()).add("CoreMaxCalls", 0)
          .add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "asterisk").add("CoreRunGroup", "asterisk")
          .add("CoreMaxFilehandles", 0).add("CoreRealTimeEnabled", "No").add("CoreCDRenabled", "Yes")
          .add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
      case "command" -> command(action, id);
      case "coreshowchannels" -> list(id, "Channels will follow", "CoreShowChannelsComplete",
          server.pbx().coreShowChannels(id));
      case "queuestatus" -> list(id, "Queue status will follow", "QueueStatusComplete",
          server.pbx().queueStatus(id, action.get("Queue")));
      case "queuesummary" -> list(id, "Queue summary will follow", "QueueSummaryComplete",
          server.pbx().queueSummary(id));
      case "bridgelist" -> list(id, "Bridge listing will follow", "BridgeListComplete", server.pbx().bridgeList(id));
      default -> {
        AmiMessage reply = server.pbx().action(action);
        if (reply == null) {
          write(AmiMessage.response("Error", id).add("Message",
              "Invalid/unknown command: " + name + ". Use Action: ListCommands to show available commands."));
        } else {
          write(reply);
        }
      }
    }
  }

  private void challenge(AmiMessage action, String id) {
    if (!"md5".equalsIgnoreCase(action.get("AuthType"))) {
      write(AmiMessage.response("Error", id).add("Message", "Must specify AuthType"));
      return;
    }
    challenge = String.valueOf(100_000_000 + new SecureRandom().nextInt(900_000_000));
    write(AmiMessage.response("Success", id).add("Challenge", challenge));
  }

  private void login(AmiMessage action, String id) {
    boolean ok = username.equals(action.get("Username"));
    if (ok && "md5".equalsIgnoreCase(action.get("AuthType"))) {
      ok = challenge != null && md5(challenge + secret).equalsIgnoreCase(String.valueOf(action.get("Key")));
    } else if (ok) {
      ok = secret.equals(action.get("Secret"));
    }
    if (!ok) {
      // Asterisk answers after a 1 s pause and hangs up.
      server.pbx().vertx().setTimer(1000, t -> {
        write(AmiMessage.response("Error", id).add("Message", "Authentication failed"));
        closed = true;
        socket.end();
      });
      return;
    }
    eventClasses = mask(action.get("Events"));
    authenticated = true;
    write(AmiMessage.response("Success", id).add("Message", "Authentication accepted"));
    if (wants("system")) {
      write(new AmiMessage().add("Event", "FullyBooted").add("Privilege", "system,all")
          .add("Uptime", server.pbx().uptimeSeconds()).add("LastReload", server.pbx().uptimeSeconds())
          .add("Status", "Fully Booted"));
    }
    server.sessionLoggedIn(this);
  }

  private void command(AmiMessage action, String id) {
    String cmd = String.valueOf(action.get("Command")).trim();
    AmiMessage reply = AmiMessage.response("Success", id).add("Message", "Command output follows");
    if (cmd.equalsIgnoreCase("core show version")) {
      reply.add("Output", "Asterisk 20.20.1 built by attune-simulator");
    } else {
      reply.add("Output", "No such command '" + cmd + "' (type 'core show help " + cmd + "' for other possible commands)");
    }
    write(reply);
  }

  private void list(String id, String message, String completeEvent, List<AmiMessage> items) {
    write(AmiMessage.response("Success", id).add("EventList", "start").add("Message", message));
    items.forEach(this::write);
    AmiMessage done = new AmiMessage().add("Event", completeEvent);
    if (id != null) {
      done.add("ActionID", id);
    }
    write(done.add("EventList", "Complete").add("ListItems", items.size()));
  }

  /** {@code on}/{@code off} or a class list ({@code call,agent}); null means every event. */
  private static Set<String> mask(String events) {
    if (events == null || events.isBlank() || events.equalsIgnoreCase("on") || events.equalsIgnoreCase("all")) {
      return null;
    }
    if (events.equalsIgnoreCase("off")) {
      return Set.of();
    }
    return Set.of(events.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
  }

  static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
