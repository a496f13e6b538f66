package dev.attune.bridge.ami;

import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.ManagerEvent;
import org.reflections.Reflections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges one AMI message (its lines, without the blank line that ends it) before Asterisk-Java parses it. A message
 * that is not AMI (a line without {@code Key: Value}, control bytes, neither Event nor Response) is dropped, counted in
 * {@code attune.ami.malformed{reason}} and logged once per reason; so is one that would stop Asterisk-Java's reader
 * (a bridge event without its bridge id). Event types Asterisk-Java has no class for pass
 * (it ignores them) and are counted in {@code attune.ami.unknown{event}}, logged once per type; so are header fields
 * its event class has no setter for ({@code attune.ami.unknown.fields{event,field}}): Asterisk adds fields in minor
 * releases (TechCause in 20.17) and Asterisk-Java would drop them without a trace.
 */
final class AmiFrameCheck {
  private static final Logger log = LoggerFactory.getLogger(AmiFrameCheck.class);
  static final int MAX_HEADERS = 128;

  private final MeterRegistry registry;
  /** {@code host:port} of the PBX, for the log. */
  private final String pbx;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  /**
   * Per header name, what this check needs to know of it, computed once: the check runs on every message in the
   * thread that also parses, so it must cost little next to Asterisk-Java's own parse. Names come from a small set
   * (bounded anyway, as {@code ChanVariable(<channel>)} names are not).
   */
  private final Map<String, Header> headers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 10_000;

  /** A header name: its setter-style form and whether it carries another channel's variables. */
  private record Header(String property, boolean otherChannelsVariable) {}

  AmiFrameCheck(MeterRegistry registry, String pbx) {
    this.registry = registry;
    this.pbx = pbx;
  }

  /** The lines to hand to Asterisk-Java, or null when the message is dropped (counted and logged). */
  List<String> check(List<String> lines) {
    if (lines.size() > MAX_HEADERS) {
      malformed("too-many-headers", lines.size() + " headers (Asterisk sends at most " + MAX_HEADERS + ")");
      return null;
    }
    List<Header> keys = new ArrayList<>(lines.size());
    String event = null;
    boolean response = false;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0 || hasControlChars(line)) {
        malformed("not-ami", "a line that is not 'Key: Value'");
        return null;
      }
      String key = line.substring(0, colon);
      Header header = header(key);
      keys.add(header);
      if (event == null && header.property().equals("event")) {
        event = line.substring(colon + 1).trim();
      } else if (header.property().equals("response")) {
        response = true;
      }
    }
    if (event == null && !response) {
      malformed("no-event-or-response", "a message with neither Event nor Response");
      return null;
    }
    if (event != null) {
      String eventName = event.toLowerCase(Locale.ROOT); // once per message: this runs on every one
      String key = KEYED_EVENTS.get(eventName);
      if (key != null && keys.stream().filter(h -> h.property().equals(key)).count() != 1) {
        malformed("no-key", event + " without exactly one " + key + " (Asterisk-Java's bookkeeping would stop the"
            + " reader)");
        return null;
      }
      if (!KNOWN_EVENTS.contains(eventName)) {
        String type = event.length() > 40 ? event.substring(0, 40) : event;
        counter("event\0" + type, () -> Counter.builder(MetricNames.AMI_UNKNOWN).tag("event", type)
            .description("AMI events Asterisk-Java has no class for").register(registry)).increment();
        if (logged.add("unknown:" + event)) {
          log.info("AMI event type '{}' is not known to Asterisk-Java; passed on and counted in {}", event,
              MetricNames.AMI_UNKNOWN);
        }
      } else {
        countUnknownFields(event, eventName, lines, keys);
      }
    }
    return withoutOtherChannelsVariables(lines, keys);
  }

  /** Counts and logs (once per reason) a message dropped for not being AMI. */
  void malformed(String reason, String detail) {
    Counter.builder(MetricNames.AMI_MALFORMED).tag("reason", reason)
        .description("AMI frames dropped because they were not valid AMI").register(registry).increment();
    if (logged.add(reason)) {
      log.warn("dropped a malformed AMI frame from {} ({}: {}); further ones are only counted in {}", pbx, reason,
          detail, MetricNames.AMI_MALFORMED);
    }
  }

  /**
   * With {@code channelvars} set, Asterisk adds the variables of every channel an event names: {@code ChanVariable:}
   * for the main one, {@code DestChanVariable:}, {@code SpyeeChanVariable:}... or {@code ChanVariable(<channel>):}
   * for the others. Asterisk-Java reads only the first form and logs a warning for each header of the others (most
   * WARN lines of a live run); the call tracker reads only the first form too, so the others are dropped here.
   */
  private static List<String> withoutOtherChannelsVariables(List<String> lines, List<Header> keys) {
    if (keys.stream().noneMatch(Header::otherChannelsVariable)) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      if (!keys.get(i).otherChannelsVariable()) {
        kept.add(lines.get(i));
      }
    }
    return kept;
  }

  private Header header(String key) {
    Header known = headers.get(key);
    if (known != null) {
      return known;
    }
    Header header = new Header(normalize(key), otherChannelsVariable(key));
    if (headers.size() < MAX_CACHED) {
      headers.put(key, header);
    }
    return header;
  }

  private Counter counter(String key, java.util.function.Supplier<Counter> register) {
    Counter counter = counters.get(key);
    if (counter == null) {
      counter = register.get(); // Micrometer returns the same counter for the same name and tags
      if (counters.size() < MAX_CACHED) {
        counters.put(key, counter);
      }
    }
    return counter;
  }

  private static boolean otherChannelsVariable(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.startsWith("chanvariable(") || (k.endsWith("chanvariable") && !k.equals("chanvariable"));
  }

  /** Fields the event's Asterisk-Java class has no setter for (it would silently drop them). */
  private void countUnknownFields(String event, String eventName, List<String> lines, List<Header> keys) {
    Set<String> properties = EVENT_PROPERTIES.get(eventName);
    for (int i = 0; i < keys.size(); i++) {
      String property = keys.get(i).property();
      if (property.equals("event") || property.contains("chanvariable") || properties.contains(property)) {
        continue;
      }
      String key = lines.get(i).substring(0, lines.get(i).indexOf(':'));
      counter("field\0" + event + "\0" + key, () -> Counter.builder(MetricNames.AMI_UNKNOWN_FIELDS).tag("event", event)
          .tag("field", key).description("AMI header fields Asterisk-Java has no property for").register(registry))
          .increment();
      if (logged.add("field:" + event + ":" + key)) {
        log.info("AMI field '{}' of {} is not known to Asterisk-Java; counted in {}", key, event,
            MetricNames.AMI_UNKNOWN_FIELDS);
      }
    }
  }

  /** Asterisk-Java matches a header to a setter ignoring case and dashes (Cause-txt → setCauseTxt). */
  private static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean hasControlChars(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 && c != '\t') {
        return true;
      }
    }
    return false;
  }

  /**
   * Events Asterisk-Java files in its own maps by one field (bridges by id, conferences by name) before any listener
   * sees them: without that field, or with it twice (then it is a list, not a string), the map lookup throws in the
   * reader thread and the whole AMI link drops. Asterisk always sends it once.
   */
  static final Map<String, String> KEYED_EVENTS = Map.of("bridgecreate", "bridgeuniqueid",
      "bridgedestroy", "bridgeuniqueid", "bridgeenter", "bridgeuniqueid", "bridgeleave", "bridgeuniqueid",
      "confbridgestart", "conference", "confbridgeend", "conference", "confbridgejoin", "conference",
      "confbridgeleave", "conference");

  /** Event name → the properties its class can take, found as Asterisk-Java's own EventBuilder finds them. */
  private static final Map<String, Set<String>> EVENT_PROPERTIES = eventProperties();
  private static final Set<String> KNOWN_EVENTS = EVENT_PROPERTIES.keySet();

  private static Map<String, Set<String>> eventProperties() {
    Map<String, Set<String>> events = new HashMap<>();
    for (Class<?> c : new Reflections("org.asteriskjava.manager.event").getSubTypesOf(ManagerEvent.class)) {
      if (Modifier.isAbstract(c.getModifiers())) {
        continue;
      }
      String n = c.getSimpleName().toLowerCase(Locale.ROOT);
      Set<String> properties = new HashSet<>();
      for (Method m : c.getMethods()) {
        if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
          properties.add(normalize(m.getName().substring(3)));
        }
      }
      events.put(n.endsWith("event") ? n.substring(0, n.length() - 5) : n, Set.copyOf(properties));
    }
    return Map.copyOf(events);
  }
}
