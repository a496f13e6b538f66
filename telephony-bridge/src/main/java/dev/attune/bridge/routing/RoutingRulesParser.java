package dev.attune.bridge.routing;

import dev.attune.core.calendar.BusinessCalendar;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code routing.yaml} from SnakeYAML's node tree rather than into a bean, because nodes keep their line
 * numbers: a PBX administrator gets {@code routing.yaml:14: vip.priority: "high" is not a whole number; valid: 0..1000}
 * for every mistake at once, not a stack trace for the first one.
 */
public final class RoutingRulesParser {
  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.\\-{}]+");
  private static final String TIME_HINT = "a time HH:mm, e.g. \"08:30\"";
  private static final Set<String> TOP_KEYS = Set.of("defaultQueue", "timezone", "businessHours", "afterHours", "vip",
      "openPromise", "complaint", "languages", "skills");

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private RoutingRulesParser(String file) {
    this.file = file;
  }

  public static RoutingRules parse(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new RoutingRulesException(List.of(path + ": cannot read: " + e.getMessage()));
    }
    return parse(path.toString(), text);
  }

  public static RoutingRules parse(String fileName, String text) {
    return new RoutingRulesParser(fileName).rules(text);
  }

  private RoutingRules rules(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
      throw new RoutingRulesException(List.of(file + ":" + line + ": not valid YAML: " + e.getProblem()));
    } catch (YAMLException e) {
      throw new RoutingRulesException(List.of(file + ": not valid YAML: " + e.getMessage()));
    }
    if (!(root instanceof MappingNode top)) {
      throw new RoutingRulesException(List.of(file + ":1: expected a mapping with keys " + sorted(TOP_KEYS)));
    }
    Map<String, Node> keys = mapping(top, "", TOP_KEYS);

    String defaultQueue = queue(keys, "defaultQueue", "", top);
    Node node;
    Node after;
    BusinessCalendar hours = null;
    String afterHoursQueue = defaultQueue;
    if ((node = keys.get("businessHours")) != null) {
      Map<String, Node> h = mapping(node, "businessHours", Set.of("open", "close", "days"));
      ZoneId zone = zone(keys.get("timezone"), node);
      LocalTime open = time(h, "open", "businessHours");
      LocalTime close = time(h, "close", "businessHours");
      if (open != null && close != null && !open.isBefore(close)) {
        problem(h.get("close"), "businessHours.close", "\"" + close + "\" is not after open \"" + open + "\"",
            "a close time later the same day");
      }
      hours = new BusinessCalendar(zone, open, close, days(h.get("days")), Set.of());
      if ((after = keys.get("afterHours")) != null) {
        afterHoursQueue = queue(mapping(after, "afterHours", Set.of("queue")), "queue", "afterHours", after);
      } else {
        problem(node, "afterHours.queue", "missing while businessHours is set", "the queue for calls outside hours");
      }
    }
    RoutingRules.Vip vip = new RoutingRules.Vip(defaultQueue, 10);
    if ((node = keys.get("vip")) != null) {
      Map<String, Node> v = mapping(node, "vip", Set.of("queue", "priority"));
      vip = new RoutingRules.Vip(queue(v, "queue", "vip", node), integer(v, "priority", "vip", 0, 1000, 10));
    }
    RoutingRules.OpenPromise promise = null;
    if ((node = keys.get("openPromise")) != null) {
      Map<String, Node> p = mapping(node, "openPromise", Set.of("queue", "priority", "agentSeconds"));
      promise = new RoutingRules.OpenPromise(queue(p, "queue", "openPromise", node),
          integer(p, "priority", "openPromise", 0, 1000, 5), integer(p, "agentSeconds", "openPromise", 1, 3600, 30));
    }
    RoutingRules.Complaint complaint = null;
    if ((node = keys.get("complaint")) != null) {
      Map<String, Node> c = mapping(node, "complaint", Set.of("queue", "minComplaints"));
      complaint = new RoutingRules.Complaint(queue(c, "queue", "complaint", node),
          integer(c, "minComplaints", "complaint", 1, 1000, 1));
    }
    Map<String, String> languages = queueMap(keys.get("languages"), "languages");
    Map<String, String> skills = queueMap(keys.get("skills"), "skills");

    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(this::lineOf)); // read top to bottom, like the file
      throw new RoutingRulesException(problems);
    }
    return new RoutingRules(defaultQueue, hours, afterHoursQueue, vip, promise, complaint, languages, skills);
  }

  private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map)) {
      problem(node, path, "expected a mapping", "keys " + sorted(allowed));
      return out;
    }
    for (NodeTuple tuple : map.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!allowed.contains(key)) {
        problem(tuple.getKeyNode(), join(path, key), "unknown key", "one of " + sorted(allowed));
      } else if (out.put(key, tuple.getValueNode()) != null) {
        problem(tuple.getKeyNode(), join(path, key), "given twice", "one value");
      }
    }
    return out;
  }

  private Map<String, String> queueMap(Node node, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode map)) {
      problem(node, path, "expected a mapping", "entries like  zh: support-zh");
      return out;
    }
    for (NodeTuple tuple : map.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
      String queue = scalar(tuple.getValueNode(), join(path, key));
      if (queue != null && checkQueue(tuple.getValueNode(), join(path, key), queue)) {
        out.put(key, queue);
      }
    }
    return out;
  }

  private String queue(Map<String, Node> keys, String key, String path, Node parent) {
    Node node = keys.get(key);
    if (node == null) {
      problem(parent, join(path, key), "missing", "a queue name from queues.conf");
      return "";
    }
    String value = scalar(node, join(path, key));
    return value != null && checkQueue(node, join(path, key), value) ? value : "";
  }

  private boolean checkQueue(Node node, String path, String value) {
    if (!QUEUE_NAME.matcher(value).matches()) {
      problem(node, path, "\"" + value + "\" is not a queue name", "letters, digits, _ . - (and {agent} in openPromise)");
      return false;
    }
    return true;
  }

  private int integer(Map<String, Node> keys, String key, String path, int min, int max, int fallback) {
    Node node = keys.get(key);
    if (node == null) {
      return fallback;
    }
    String value = scalar(node, join(path, key));
    try {
      int n = Integer.parseInt(value == null ? "" : value.trim());
      if (n >= min && n <= max) {
        return n;
      }
      problem(node, join(path, key), n + " is out of range", min + ".." + max);
    } catch (NumberFormatException e) {
      problem(node, join(path, key), "\"" + value + "\" is not a whole number", min + ".." + max);
    }
    return fallback;
  }

  private LocalTime time(Map<String, Node> keys, String key, String path) {
    Node node = keys.get(key);
    if (node == null) {
      problems.add(file + ": " + join(path, key) + ": missing; valid: " + TIME_HINT);
      return null;
    }
    String value = scalar(node, join(path, key));
    try {
      return LocalTime.parse(value == null ? "" : value.trim());
    } catch (DateTimeParseException e) {
      problem(node, join(path, key), "\"" + value + "\" is not a time", TIME_HINT);
      return null;
    }
  }

  private Set<DayOfWeek> days(Node node) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (node == null) {
      days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
      return days;
    }
    if (!(node instanceof SequenceNode seq)) {
      problem(node, "businessHours.days", "expected a list", "e.g. [MONDAY, TUESDAY]");
      return days;
    }
    for (Node day : seq.getValue()) {
      String value = scalar(day, "businessHours.days");
      try {
        days.add(DayOfWeek.valueOf(value == null ? "" : value.trim().toUpperCase()));
      } catch (IllegalArgumentException e) {
        problem(day, "businessHours.days", "\"" + value + "\" is not a day", Arrays.toString(DayOfWeek.values()));
      }
    }
    return days;
  }

  /** Business hours mean the same wherever the node runs only with a named zone (a UTC server is a surprise). */
  private ZoneId zone(Node node, Node hours) {
    String value = node == null ? null : scalar(node, "timezone");
    if (value == null || value.isBlank()) {
      problem(node != null ? node : hours, "timezone", "required with businessHours",
          "the zone the hours are in, e.g. Asia/Shanghai (this machine's is " + ZoneId.systemDefault() + ")");
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(value.trim());
    } catch (RuntimeException e) {
      problem(node, "timezone", "\"" + value + "\" is not a time zone", "a region id like Europe/Berlin");
      return ZoneId.systemDefault();
    }
  }

  private String scalar(Node node, String path) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    problem(node, path, "expected a single value", "a plain value, not a list or mapping");
    return null;
  }

  private void problem(Node node, String path, String what, String valid) {
    int line = node == null ? 1 : node.getStartMark().getLine() + 1;
    problems.add(file + ":" + line + ": " + path + ": " + what + "; valid: " + valid);
  }

  private int lineOf(String problem) {
    String rest = problem.substring(file.length());
    int end = rest.indexOf(':', 1);
    try {
      return rest.startsWith(":") && end > 1 ? Integer.parseInt(rest.substring(1, end)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String sorted(Set<String> keys) {
    return keys.stream().sorted().collect(Collectors.joining(", "));
  }
}
