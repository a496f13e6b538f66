package org.asteriskjava.manager.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Test support: decodes a recorded AMI byte stream into the same typed events Asterisk-Java's reader would deliver,
 * using its own (package-private) event builder, so the call tracker can be driven by real traces without a socket.
 */
public final class TraceEvents {
  private TraceEvents() {}

  public static List<ManagerEvent> read(Path trace) throws IOException {
    String text = Files.readString(trace, StandardCharsets.ISO_8859_1);
    EventBuilderImpl builder = new EventBuilderImpl();
    List<ManagerEvent> events = new ArrayList<>();
    for (String block : text.split("\r?\n\r?\n")) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      for (String line : block.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String key = line.substring(0, colon).trim().toLowerCase();
          String value = line.substring(colon + 1).trim();
          if (key.equals("chanvariable")) {
            continue;
          }
          attrs.putIfAbsent(key, value);
        }
      }
      if (attrs.containsKey("event") && !attrs.containsKey("actionid")) {
        ManagerEvent event = builder.buildEvent(trace, attrs);
        if (event != null) {
          events.add(event);
        }
      }
    }
    return events;
  }
}
