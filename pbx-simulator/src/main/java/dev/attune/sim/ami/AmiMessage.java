package dev.attune.sim.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One AMI message: ordered {@code Key: Value} lines, as Asterisk writes them. Header lookup is case-insensitive,
 * like Asterisk's own ({@code __astman_get_header}). Rendering ends every line in CRLF and the message in an empty line.
 */
public final class AmiMessage {
  private final List<String[]> headers = new ArrayList<>();

  public static AmiMessage event(String name, String privilege) {
    return new AmiMessage().add("Event", name).add("Privilege", privilege);
  }

  public static AmiMessage response(String status, String actionId) {
    AmiMessage m = new AmiMessage().add("Response", status);
    if (actionId != null) {
      m.add("ActionID", actionId);
    }
    return m;
  }

  public AmiMessage add(String key, Object value) {
    headers.add(new String[] {key, value == null ? "" : String.valueOf(value)});
    return this;
  }

  public AmiMessage addAll(Map<String, String> fields) {
    fields.forEach(this::add);
    return this;
  }

  /** Inserts {@code key} right after the first header named {@code after} (e.g. Timestamp after Privilege). */
  public AmiMessage insertAfter(String after, String key, Object value) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i)[0].equalsIgnoreCase(after)) {
        headers.add(i + 1, new String[] {key, String.valueOf(value)});
        return this;
      }
    }
    return add(key, value);
  }

  public AmiMessage set(String key, Object value) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(key)) {
        h[1] = String.valueOf(value);
        return this;
      }
    }
    return add(key, value);
  }

  public String get(String key) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(key)) {
        return h[1];
      }
    }
    return null;
  }

  /** Every value of a header that may repeat (an Originate's {@code Variable}). */
  public List<String> all(String key) {
    List<String> values = new java.util.ArrayList<>();
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(key)) {
        values.add(h[1]);
      }
    }
    return values;
  }

  public boolean has(String key) {
    return get(key) != null;
  }

  public int size() {
    return headers.size();
  }

  public List<String[]> headers() {
    return headers;
  }

  public AmiMessage copy() {
    AmiMessage m = new AmiMessage();
    headers.forEach(h -> m.add(h[0], h[1]));
    return m;
  }

  public String render() {
    StringBuilder sb = new StringBuilder(64 * headers.size());
    for (String[] h : headers) {
      sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  public byte[] bytes() {
    return render().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses one message block (lines separated by CRLF or LF, no trailing blank line). */
  public static AmiMessage parse(String block) {
    AmiMessage m = new AmiMessage();
    for (String line : block.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String value = line.substring(colon + 1);
        m.add(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return render();
  }
}
