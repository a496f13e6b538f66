package dev.attune.assist.guidance;

import dev.attune.core.bus.GuidanceItem;

import dev.attune.core.calls.Party;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
 * Reads one pack from SnakeYAML's node tree (not into beans) because nodes keep their line numbers: the centre's
 * editor gets {@code zh.yaml:41: categories.blame.severity: "HIGH" is not one of INFO, WARNING, SEVERE} for every
 * mistake in the file at once.
 */
final class RulePackParser {
  private static final Set<String> TOP_KEYS = Set.of("language", "matching", "categories");
  private static final Set<String> MATCHING_KEYS = Set.of("gap", "fuzzy", "negation", "quotation", "ordinary");
  private static final Set<String> CUE_KEYS = Set.of("cues", "exceptions", "window", "barriers");
  private static final Set<String> COMMON_KEYS = Set.of("title", "severity", "why", "better", "cooldownSeconds",
      "whenCustomerAngry");
  private static final Set<String> TEXT_KEYS = Set.of("phrases", "patterns", "exceptions", "unless", "negatable",
      "ignoreQuoted", "requires", "examples", "nearMisses", "confidence");
  private static final Set<String> CUSTOM_KEYS = Set.of("kind", "party");

  private final String file;
  private final String language;
  private final List<Problem> problems = new ArrayList<>();
  private int gap = 3;
  private boolean fuzzy;

  private record Problem(int line, String text) {}

  private RulePackParser(String file, String language) {
    this.file = file;
    this.language = language;
  }

  /** The pack, or null with every problem added to {@code out} (each as "file:line: what"). */
  static RulePack parse(String file, String language, String yaml, List<String> out) {
    RulePackParser parser = new RulePackParser(file, language);
    RulePack pack = parser.pack(yaml);
    parser.problems.sort(Comparator.comparingInt(Problem::line)); // read top to bottom, like the file
    parser.problems.forEach(p -> out.add(file + ":" + p.line() + ": " + p.text()));
    return parser.problems.isEmpty() ? pack : null;
  }

  private RulePack pack(String yaml) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
      problems.add(new Problem(line, "not valid YAML: " + e.getProblem()));
      return null;
    } catch (YAMLException e) {
      problems.add(new Problem(1, "not valid YAML: " + e.getMessage()));
      return null;
    }
    if (!(root instanceof MappingNode)) {
      problems.add(new Problem(1, "expected a mapping with keys " + new TreeSet<>(TOP_KEYS)));
      return null;
    }
    Map<String, Node> top = mapping(root, "", TOP_KEYS);
    Node lang = top.get("language");
    if (lang != null) {
      String declared = scalar(lang, "language");
      if (declared != null && !declared.equals(language)) {
        problem(lang, "language", "\"" + declared + "\" does not match the file name; expected \"" + language + "\"");
      }
    }
    RulePack.Cues negation = new RulePack.Cues(PhraseList.EMPTY, PhraseList.EMPTY, 0, PhraseList.EMPTY);
    RulePack.Cues quotation = negation;
    List<String> ordinary = List.of();
    Node ordinaryNode = null;
    Node matching = require(top, "matching", "", root);
    if (matching != null) {
      Map<String, Node> m = mapping(matching, "matching", MATCHING_KEYS);
      gap = (int) number(m, "gap", "matching", 0, 20, matching, true);
      fuzzy = bool(m, "fuzzy", "matching", false);
      Node n = require(m, "negation", "matching", matching);
      if (n != null) {
        negation = cues(n, "matching.negation");
      }
      Node q = require(m, "quotation", "matching", matching);
      if (q != null) {
        quotation = cues(q, "matching.quotation");
      }
      ordinaryNode = m.get("ordinary");
      ordinary = sentences(ordinaryNode, "matching.ordinary");
    }
    Map<String, CategoryRule> categories = new LinkedHashMap<>();
    Node cats = require(top, "categories", "", root);
    if (cats instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        String name = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        if (categories.containsKey(name)) {
          problem(tuple.getKeyNode(), "categories." + name, "given twice");
          continue;
        }
        CategorySchema schema = CategorySchema.KNOWN.get(name);
        if (schema == null && !name.startsWith(CategorySchema.CUSTOM_PREFIX)) {
          problem(tuple.getKeyNode(), "categories." + name, "unknown category; known: "
              + String.join(", ", CategorySchema.KNOWN.keySet()) + ", or custom.<name> for a centre's own");
          continue;
        }
        CategoryRule rule = category(name, schema, tuple.getKeyNode(), tuple.getValueNode());
        if (rule != null) {
          categories.put(name, rule);
        }
      }
      checkRequires(categories);
      checkOrdinary(categories, ordinary, ordinaryNode != null ? ordinaryNode : matching);
    } else if (cats != null) {
      problem(cats, "categories", "expected a mapping of category name to its rule");
    }
    return new RulePack(language, file, categories, negation, quotation, ordinary);
  }

  private RulePack.Cues cues(Node node, String path) {
    Map<String, Node> m = mapping(node, path, CUE_KEYS);
    PhraseList cues = phrases(require(m, "cues", path, node), path + ".cues", true, false);
    PhraseList exceptions = phrases(m.get("exceptions"), path + ".exceptions", false, true);
    int window = (int) number(m, "window", path, 0, 30, node, true);
    PhraseList barriers = phrases(m.get("barriers"), path + ".barriers", false, false);
    return new RulePack.Cues(cues, exceptions, window, barriers);
  }

  private CategoryRule category(String name, CategorySchema schema, Node keyNode, Node node) {
    String path = "categories." + name;
    boolean custom = schema == null;
    boolean textual = custom || schema.textual();
    Set<String> allowed = new TreeSet<>(COMMON_KEYS);
    if (textual) {
      allowed.addAll(TEXT_KEYS);
    }
    if (custom) {
      allowed.addAll(CUSTOM_KEYS);
    } else {
      schema.figures().forEach(f -> allowed.add(f.key()));
    }
    Map<String, Node> m = mapping(node, path, allowed);
    if (!(node instanceof MappingNode)) {
      return null;
    }
    int before = problems.size();
    GuidanceItem.Kind kind = custom ? enumValue(GuidanceItem.Kind.class, require(m, "kind", path, keyNode), path + ".kind")
        : schema.kind();
    Party party = custom ? enumValue(Party.class, require(m, "party", path, keyNode), path + ".party")
        : schema.party().party();
    GuidanceItem.Severity severity = enumValue(GuidanceItem.Severity.class, require(m, "severity", path, keyNode),
        path + ".severity");
    String why = text(require(m, "why", path, keyNode), path + ".why");
    String better = text(require(m, "better", path, keyNode), path + ".better");
    String title = m.containsKey("title") ? text(m.get("title"), path + ".title") : null; // optional: older packs
    GuidanceItem.Severity angry = m.containsKey("whenCustomerAngry")
        ? enumValue(GuidanceItem.Severity.class, m.get("whenCustomerAngry"), path + ".whenCustomerAngry") : null;
    Duration cooldown = m.containsKey("cooldownSeconds")
        ? Duration.ofSeconds((long) number(m, "cooldownSeconds", path, 0, 3600, keyNode, true)) : null;
    PhraseList phrases = PhraseList.EMPTY;
    PhraseList exceptions = PhraseList.EMPTY;
    PhraseList unless = PhraseList.EMPTY;
    boolean negatable = false;
    boolean ignoreQuoted = true;
    String requires = null;
    Examples examples = Examples.NONE;
    if (textual) {
      List<Phrase> ps = phraseItems(m.get("phrases"), path + ".phrases", false);
      List<Pattern> patterns = patternItems(m.get("patterns"), path + ".patterns");
      if (ps.isEmpty() && patterns.isEmpty() && !m.containsKey("examples") && problems.size() == before) {
        problem(keyNode, path, "needs phrases (or patterns, or examples) to match");
      }
      phrases = new PhraseList(ps, patterns);
      exceptions = phrases(m.get("exceptions"), path + ".exceptions", false, true);
      unless = phrases(m.get("unless"), path + ".unless", false, true);
      negatable = bool(m, "negatable", path, false);
      ignoreQuoted = bool(m, "ignoreQuoted", path, true);
      if (m.containsKey("requires")) {
        requires = scalar(m.get("requires"), path + ".requires");
      }
      examples = examples(m, path, keyNode);
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    if (!custom) {
      for (CategorySchema.Figure f : schema.figures()) {
        figures.put(f.key(), number(m, f.key(), path, f.min(), f.max(), keyNode, false));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new CategoryRule(name, title, kind, party, severity, why, better, phrases, exceptions, unless, negatable,
        ignoreQuoted, angry, requires, cooldown, Map.copyOf(figures), examples, keyNode.getStartMark().getLine() + 1);
  }

  /** Example sentences need a confidence and the other way round; near misses only make sense beside examples. */
  private Examples examples(Map<String, Node> m, String path, Node keyNode) {
    List<String> like = sentences(m.get("examples"), path + ".examples");
    List<String> nearMisses = sentences(m.get("nearMisses"), path + ".nearMisses");
    if (like.isEmpty()) {
      for (String key : List.of("confidence", "nearMisses")) {
        if (m.containsKey(key)) {
          problem(m.get(key), path + "." + key, "needs examples beside it (sentences that mean this category)");
        }
      }
      return Examples.NONE;
    }
    if (!m.containsKey("confidence")) {
      problem(m.get("examples"), path + ".confidence", "missing beside examples; expected a number (0.5..0.99): "
          + "how sure the sentence model must be that an utterance means this category");
      return Examples.NONE;
    }
    return new Examples(like, nearMisses, number(m, "confidence", path, 0.5, 0.99, keyNode, false));
  }

  private List<String> sentences(Node node, String path) {
    List<String> out = new ArrayList<>();
    for (Node item : items(node, path)) {
      String s = text(item, path);
      if (s == null || s.isBlank()) {
        continue;
      }
      if (out.contains(s.strip())) {
        problem(item, path, "\"" + s.strip() + "\" given twice");
      } else {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** Examples teach a probe what a category is; it also needs to see what everyday speech is (see LinearProbe). */
  private void checkOrdinary(Map<String, CategoryRule> categories, List<String> ordinary, Node where) {
    boolean examples = categories.values().stream().anyMatch(r -> !r.examples().isEmpty());
    if (examples && ordinary.size() < MIN_ORDINARY) {
      problem(where, "matching.ordinary", "needs at least " + MIN_ORDINARY + " everyday lines (greetings, "
          + "identity checks, neutral answers) beside the categories' examples, to tell them from ordinary speech; "
          + "found " + ordinary.size());
    }
  }

  private static final int MIN_ORDINARY = 5;

  private void checkRequires(Map<String, CategoryRule> categories) {
    for (CategoryRule rule : categories.values()) {
      if (rule.requires() != null && !(rule.requires().startsWith("checklist.")
          && CategorySchema.KNOWN.containsKey(rule.requires()))) {
        problems.add(new Problem(rule.line(), "categories." + rule.name() + ".requires: \"" + rule.requires()
            + "\" is not a checklist step (checklist.listened, checklist.offered, ...)"));
      }
    }
  }

  private PhraseList phrases(Node node, String path, boolean required, boolean acrossClauses) {
    List<Phrase> ps = phraseItems(node, path, acrossClauses);
    if (required && ps.isEmpty() && node != null) {
      problem(node, path, "needs at least one phrase");
    }
    return ps.isEmpty() ? PhraseList.EMPTY : new PhraseList(ps, List.of());
  }

  private List<Phrase> phraseItems(Node node, String path, boolean acrossClauses) {
    List<Phrase> out = new ArrayList<>();
    for (Node item : items(node, path)) {
      String s = scalar(item, path);
      if (s == null) {
        continue;
      }
      try {
        out.add(Phrase.compile(s, gap, fuzzy, acrossClauses));
      } catch (IllegalArgumentException e) {
        problem(item, path, "phrase \"" + s + "\": " + e.getMessage());
      }
    }
    return out;
  }

  private List<Pattern> patternItems(Node node, String path) {
    List<Pattern> out = new ArrayList<>();
    for (Node item : items(node, path)) {
      String s = scalar(item, path);
      if (s == null) {
        continue;
      }
      try {
        out.add(Pattern.compile(s));
      } catch (PatternSyntaxException e) {
        problem(item, path, "bad regular expression \"" + s + "\": " + e.getDescription()
            + " near index " + e.getIndex());
      }
    }
    return out;
  }

  private List<Node> items(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    problem(node, path, "expected a list, e.g. [\"first phrase\", \"second phrase\"]");
    return List.of();
  }

  private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map)) {
      problem(node, path, "expected a mapping with keys " + new TreeSet<>(allowed));
      return out;
    }
    for (NodeTuple tuple : map.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!allowed.contains(key)) {
        problem(tuple.getKeyNode(), join(path, key), "unknown key; valid here: " + new TreeSet<>(allowed));
      } else if (out.put(key, tuple.getValueNode()) != null) {
        problem(tuple.getKeyNode(), join(path, key), "given twice");
      }
    }
    return out;
  }

  /** The value of a required key; a missing one is reported at {@code parent}'s line (the section's key). */
  private Node require(Map<String, Node> m, String key, String path, Node parent) {
    Node n = m.get(key);
    if (n == null && parent != null) {
      problem(parent, join(path, key), "missing");
    }
    return n;
  }

  private String scalar(Node node, String path) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    if (node != null) {
      problem(node, path, "expected a single value");
    }
    return null;
  }

  private String text(Node node, String path) {
    String s = scalar(node, path);
    if (s != null && s.isBlank()) {
      problem(node, path, "must not be empty");
    }
    return s;
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, Node node, String path) {
    String s = scalar(node, path);
    if (s == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E v : type.getEnumConstants()) {
        names.add(v.name());
      }
      problem(node, path, "\"" + s + "\" is not one of " + String.join(", ", names));
      return null;
    }
  }

  private boolean bool(Map<String, Node> m, String key, String path, boolean fallback) {
    Node node = m.get(key);
    String s = node == null ? null : scalar(node, join(path, key));
    if (s == null) {
      return fallback;
    }
    if (!s.equals("true") && !s.equals("false")) {
      problem(node, join(path, key), "\"" + s + "\" must be true or false");
      return fallback;
    }
    return Boolean.parseBoolean(s);
  }

  private double number(Map<String, Node> m, String key, String path, double min, double max, Node parent,
                        boolean whole) {
    Node node = m.get(key);
    if (node == null) {
      problem(parent, join(path, key), "missing; expected a number " + range(min, max));
      return min;
    }
    String s = scalar(node, join(path, key));
    try {
      double v = Double.parseDouble(s == null ? "" : s.trim());
      if (whole && v != Math.rint(v)) {
        problem(node, join(path, key), s + " is not a whole number");
      } else if (!(v >= min && v <= max)) {
        problem(node, join(path, key), s + " is out of range " + range(min, max));
      }
      return v;
    } catch (NumberFormatException e) {
      if (s != null) {
        problem(node, join(path, key), "\"" + s + "\" is not a number " + range(min, max));
      }
      return min;
    }
  }

  private static String range(double min, double max) {
    return "(" + fmt(min) + ".." + fmt(max) + ")";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private void problem(Node node, String path, String text) {
    int line = node == null ? 1 : node.getStartMark().getLine() + 1;
    problems.add(new Problem(line, (path.isEmpty() ? "" : path + ": ") + text));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
