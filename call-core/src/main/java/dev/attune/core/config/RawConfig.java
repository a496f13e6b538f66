package dev.attune.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The defaults file flattened to {@code section.key} strings, with environment overrides applied
 * ({@code ATTUNE_<SECTION>_<KEY>}, camelCase keys in UPPER_SNAKE). Typed getters record every problem
 * instead of stopping at the first, so one start-up attempt tells the operator everything that is wrong.
 */
final class RawConfig {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  static RawConfig load(Path file, Map<String, String> env) {
    RawConfig raw = new RawConfig();
    if (file != null) {
      raw.readYaml(file);
    }
    raw.applyEnvironment(env);
    return raw;
  }

  private void readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      // Alone: every key would also be reported missing, burying the one thing to fix.
      throw new ConfigException(List.of(file.toAbsolutePath() + ": configuration file not found; give its path with"
          + " --config <file> or ATTUNE_CONFIG"));
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory())
          .readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || root.isNull()) {
        return;
      }
      if (!root.isObject()) {
        problems.add(file + ": expected sections (ami:, http:, ...) at the top level");
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> sections = root.fields(); sections.hasNext(); ) {
        Map.Entry<String, JsonNode> section = sections.next();
        if (!section.getValue().isObject()) {
          problems.add(file + ": " + section.getKey() + " must be a section of key: value lines");
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields(); keys.hasNext(); ) {
          Map.Entry<String, JsonNode> key = keys.next();
          String name = section.getKey() + "." + key.getKey();
          JsonNode v = key.getValue();
          String text = v.isArray() ? joinArray(v) : v.isNull() ? "" : v.asText();
          values.put(name, text);
          origins.put(name, file.toString());
        }
      }
    } catch (IOException e) {
      problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String joinArray(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return String.join(",", parts);
  }

  private void applyEnvironment(Map<String, String> env) {
    for (String key : List.copyOf(values.keySet())) {
      String var = envName(key);
      if (env.containsKey(var)) {
        values.put(key, env.get(var));
        origins.put(key, "environment " + var);
      }
    }
  }

  /** {@code ami.secretFile} → {@code ATTUNE_AMI_SECRET_FILE}. */
  static String envName(String key) {
    String[] parts = key.split("\\.", 2);
    String snake = parts[1].replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
    return "ATTUNE_" + parts[0].toUpperCase() + "_" + snake;
  }

  private String where(String key) {
    return key + " (" + origins.getOrDefault(key, "default") + ", env " + envName(key) + ")";
  }

  private String value(String key) {
    if (!values.containsKey(key)) {
      problems.add(where(key) + ": missing; every key must be present in config/attune.yaml");
      return "";
    }
    return values.get(key).trim();
  }

  String string(String key) {
    return value(key);
  }

  int integer(String key, int min, int max) {
    String v = value(key);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        problems.add(where(key) + ": " + n + " is out of range, expected " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(where(key) + ": '" + v + "' is not a whole number, expected " + min + ".." + max);
      return min;
    }
  }

  long longValue(String key, long min, long max) {
    String v = value(key);
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        problems.add(where(key) + ": " + n + " is out of range, expected " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(where(key) + ": '" + v + "' is not a whole number");
      return min;
    }
  }

  double decimal(String key, double min, double max) {
    String v = value(key);
    try {
      double n = Double.parseDouble(v);
      if (!(n >= min && n <= max)) {
        problems.add(where(key) + ": " + v + " is out of range, expected " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(where(key) + ": '" + v + "' is not a number");
      return min;
    }
  }

  boolean bool(String key) {
    String v = value(key).toLowerCase();
    if (!v.equals("true") && !v.equals("false")) {
      problems.add(where(key) + ": '" + v + "' must be true or false");
    }
    return v.equals("true");
  }

  List<String> list(String key) {
    String v = value(key);
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  List<Integer> intList(String key, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (String part : list(key)) {
      try {
        int n = Integer.parseInt(part);
        if (n < min || n > max) {
          problems.add(where(key) + ": " + n + " is out of range, expected " + min + ".." + max);
        }
        out.add(n);
      } catch (NumberFormatException e) {
        problems.add(where(key) + ": '" + part + "' is not a whole number");
      }
    }
    return out;
  }

  ZoneId zone(String key) {
    String v = value(key);
    try {
      return v.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(v);
    } catch (DateTimeException e) {
      problems.add(where(key) + ": '" + v + "' is not a time zone (e.g. Europe/Berlin, Asia/Shanghai)");
      return ZoneId.systemDefault();
    }
  }

  /**
   * A secret given inline or by file ({@code <key>File}). The value itself never appears in a message.
   */
  String secret(String key) {
    String inline = value(key);
    String file = value(key + "File");
    if (!inline.isEmpty() && !file.isEmpty()) {
      problems.add(where(key) + ": set either " + envName(key) + " or " + envName(key + "File") + ", not both");
    }
    if (file.isEmpty()) {
      return inline;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      problems.add(where(key + "File") + ": cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
      return "";
    }
  }

  void problem(String key, String message) {
    problems.add(where(key) + ": " + message);
  }

  void failIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
