package dev.attune.bridge.ami;

import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback relay between Asterisk-Java and the PBX that frames the AMI byte stream itself, so bad input is
 * counted and kept away from the parser instead of silently logged or dropped inside it. Well-formed messages pass
 * byte for byte; a frame that is not AMI (binary garbage, a line over {@value #MAX_LINE} bytes, more than
 * {@value #MAX_HEADERS} headers, a message cut off by the connection ending) is dropped, counted in
 * {@code attune.ami.malformed{reason}} and logged once per reason. Event types Asterisk-Java has no class for are
 * passed on (it ignores them) and counted in {@code attune.ami.unknown{event}}, logged once per type; so are header
 * fields its event class has no setter for ({@code attune.ami.unknown.fields{event,field}}): Asterisk adds fields in
 * minor releases (TechCause in 20.17) and Asterisk-Java would drop them without a trace.
 */
public final class AmiGuard {
  private static final Logger log = LoggerFactory.getLogger(AmiGuard.class);
  static final int MAX_LINE = 8192;
  static final int MAX_HEADERS = 128;
  static final int MAX_MESSAGE = 256 * 1024;

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final String pbxHost;
  private final int pbxPort;
  private final Set<String> loggedReasons = ConcurrentHashMap.newKeySet();
  /**
   * Held for the guard's life: Vert.x closes a client that is no longer referenced, and every connection with it, so a
   * client made per relay would cut the AMI link at some garbage collection.
   */
  private NetClient pbxClient;
  private NetServer server;
  private volatile long relayedEvents;

  public AmiGuard(Vertx vertx, MeterRegistry registry, String pbxHost, int pbxPort) {
    this.vertx = vertx;
    this.registry = registry;
    this.pbxHost = pbxHost;
    this.pbxPort = pbxPort;
  }

  /** Listens on a loopback port; point Asterisk-Java at it. */
  public Future<Integer> start() {
    pbxClient = vertx.createNetClient();
    server = vertx.createNetServer();
    server.connectHandler(this::relay);
    return server.listen(0, "127.0.0.1").map(NetServer::actualPort);
  }

  public Future<Void> close() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return pbxClient == null ? closed : closed.eventually(pbxClient::close);
  }

  /** Events passed on to Asterisk-Java so far (for the "no event dropped" check). */
  public long relayedEvents() {
    return relayedEvents;
  }

  private void relay(NetSocket client) {
    client.pause();
    pbxClient.connect(pbxPort, pbxHost).onSuccess(pbx -> {
      Framer framer = new Framer(client);
      pbx.handler(framer::feed);
      pbx.closeHandler(v -> {
        framer.end();
        // what the PBX sent before it went must still reach Asterisk-Java: a close with writes still queued (the
        // reader lagging a burst) discards them, and the events lost that way are ones no resync can bring back
        framer.lastWrite.onComplete(done -> client.close());
      });
      pbx.exceptionHandler(err -> pbx.close());
      client.handler(pbx::write);
      client.closeHandler(v -> pbx.close());
      client.exceptionHandler(err -> client.close());
      client.resume();
    }).onFailure(err -> client.close());
  }

  /** Splits the PBX→client stream into messages (blank-line ended) and checks each. */
  private final class Framer {
    private final NetSocket client;
    private Buffer pending = Buffer.buffer();
    private boolean bannerSeen;
    /** Completes once everything passed on so far is written to the client. */
    Future<Void> lastWrite = Future.succeededFuture();

    Framer(NetSocket client) {
      this.client = client;
    }

    void feed(Buffer data) {
      pending.appendBuffer(data);
      if (!bannerSeen) {
        int nl = indexOf(pending, 0);
        if (nl < 0) {
          return;
        }
        bannerSeen = true; // the banner is one line with no blank line after it
        lastWrite = client.write(pending.getBuffer(0, nl + 1));
        pending = pending.getBuffer(nl + 1, pending.length());
      }
      int start = 0;
      int lineStart = 0;
      int lines = 0;
      for (int i = 0; i < pending.length(); i++) {
        if (pending.getByte(i) != '\n') {
          continue;
        }
        int len = i - lineStart;
        boolean blank = len == 0 || (len == 1 && pending.getByte(i - 1) == '\r');
        if (blank) {
          if (lines > 0) {
            check(pending.getBuffer(start, i + 1));
          }
          start = i + 1;
          lines = 0;
        } else {
          lines++;
        }
        lineStart = i + 1;
      }
      pending = pending.getBuffer(start, pending.length());
      if (pending.length() > MAX_MESSAGE) {
        malformed("message-too-large", pending.length() + " bytes without an end");
        pending = Buffer.buffer();
      }
    }

    void end() {
      if (pending.length() > 0 && !pending.toString(StandardCharsets.ISO_8859_1).isBlank()) {
        malformed("truncated", pending.length() + " bytes of an unfinished message when the link closed");
      }
      pending = Buffer.buffer();
    }

    private void check(Buffer message) {
      String text = message.toString(StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\r?\n");
      int headers = 0;
      java.util.List<String> keys = new java.util.ArrayList<>();
      String event = null;
      boolean response = false;
      for (String line : lines) {
        if (line.isEmpty()) {
          continue;
        }
        if (line.length() > MAX_LINE) {
          malformed("line-too-long", "a line of " + line.length() + " bytes");
          return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || hasControlBytes(line)) {
          malformed("not-ami", "a line that is not 'Key: Value'");
          return;
        }
        headers++;
        String key = line.substring(0, colon);
        keys.add(key);
        if (key.equalsIgnoreCase("Event") && event == null) {
          event = line.substring(colon + 1).trim();
        } else if (key.equalsIgnoreCase("Response")) {
          response = true;
        }
      }
      if (headers > MAX_HEADERS) {
        malformed("too-many-headers", headers + " headers (Asterisk sends at most " + MAX_HEADERS + ")");
        return;
      }
      if (event == null && !response) {
        malformed("no-event-or-response", "a message with neither Event nor Response");
        return;
      }
      if (event != null) {
        relayedEvents++;
        if (!known(event)) {
          Counter.builder(MetricNames.AMI_UNKNOWN).tag("event", event.length() > 40 ? event.substring(0, 40) : event)
              .description("AMI events Asterisk-Java has no class for").register(registry).increment();
          if (loggedReasons.add("unknown:" + event)) {
            log.info("AMI event type '{}' is not known to Asterisk-Java; passed on and counted in {}", event,
                MetricNames.AMI_UNKNOWN);
          }
        } else {
          countUnknownFields(event, keys);
        }
      }
      lastWrite = client.write(withoutOtherChannelsVariables(message, keys));
    }
  }

  /**
   * With {@code channelvars} set, Asterisk adds the variables of every channel an event names: {@code ChanVariable:}
   * for the main one, {@code DestChanVariable:}, {@code SpyeeChanVariable:}... or {@code ChanVariable(<channel>):}
   * for the others. Asterisk-Java reads only the first form and logs a warning for each header of the others (most
   * WARN lines of a live run); the call tracker reads only the first form too, so the others are dropped here.
   */
  private static Buffer withoutOtherChannelsVariables(Buffer message, java.util.List<String> keys) {
    if (keys.stream().noneMatch(AmiGuard::otherChannelsVariable)) {
      return message;
    }
    StringBuilder out = new StringBuilder(message.length());
    for (String line : message.toString(StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (!line.isEmpty() && !(colon > 0 && otherChannelsVariable(line.substring(0, colon)))) {
        out.append(line).append("\r\n");
      }
    }
    return Buffer.buffer(out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static boolean otherChannelsVariable(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.startsWith("chanvariable(") || (k.endsWith("chanvariable") && !k.equals("chanvariable"));
  }

  /** Fields the event's Asterisk-Java class has no setter for (it would silently drop them). */
  private void countUnknownFields(String event, java.util.List<String> keys) {
    Set<String> properties = EVENT_PROPERTIES.get(event.toLowerCase(java.util.Locale.ROOT));
    for (String key : keys) {
      String property = normalize(key);
      if (property.equals("event") || property.contains("chanvariable") || properties.contains(property)) {
        continue;
      }
      Counter.builder(MetricNames.AMI_UNKNOWN_FIELDS).tag("event", event).tag("field", key)
          .description("AMI header fields Asterisk-Java has no property for").register(registry).increment();
      if (loggedReasons.add("field:" + event + ":" + key)) {
        log.info("AMI field '{}' of {} is not known to Asterisk-Java; counted in {}", key, event,
            MetricNames.AMI_UNKNOWN_FIELDS);
      }
    }
  }

  /** Asterisk-Java matches a header to a setter ignoring case and dashes (Cause-txt → setCauseTxt). */
  private static String normalize(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Asterisk-Java knows an event type when it has a {@code <Name>Event} class; names compare case-insensitively. */
  private boolean known(String event) {
    return KNOWN_EVENTS.contains(event.toLowerCase(java.util.Locale.ROOT));
  }

  /** Found once the way Asterisk-Java's own EventBuilder finds them: subclasses of ManagerEvent in its package. */
  private static final java.util.Map<String, Set<String>> EVENT_PROPERTIES = eventProperties();
  private static final Set<String> KNOWN_EVENTS = EVENT_PROPERTIES.keySet();

  /** Event name → the properties its class can take, found as Asterisk-Java's own EventBuilder finds them. */
  private static java.util.Map<String, Set<String>> eventProperties() {
    java.util.Map<String, Set<String>> events = new java.util.HashMap<>();
    for (Class<?> c : new org.reflections.Reflections("org.asteriskjava.manager.event")
        .getSubTypesOf(org.asteriskjava.manager.event.ManagerEvent.class)) {
      if (java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
        continue;
      }
      String n = c.getSimpleName().toLowerCase(java.util.Locale.ROOT);
      Set<String> properties = new java.util.HashSet<>();
      for (java.lang.reflect.Method m : c.getMethods()) {
        if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
          properties.add(normalize(m.getName().substring(3)));
        }
      }
      events.put(n.endsWith("event") ? n.substring(0, n.length() - 5) : n, Set.copyOf(properties));
    }
    return java.util.Map.copyOf(events);
  }

  private void malformed(String reason, String detail) {
    Counter.builder(MetricNames.AMI_MALFORMED).tag("reason", reason)
        .description("AMI frames dropped because they were not valid AMI").register(registry).increment();
    if (loggedReasons.add(reason)) {
      log.warn("dropped a malformed AMI frame from {}:{} ({}: {}); further ones are only counted in {}", pbxHost,
          pbxPort, reason, detail, MetricNames.AMI_MALFORMED);
    }
  }

  private static boolean hasControlBytes(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\r') {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(Buffer b, int from) {
    for (int i = from; i < b.length(); i++) {
      if (b.getByte(i) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
