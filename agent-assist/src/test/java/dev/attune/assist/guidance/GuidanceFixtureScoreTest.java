package dev.attune.assist.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.calls.Party;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scores the shipped rule packs (config/guidance) on the labelled utterances in
 * src/test/resources/guidance/fixtures-*.tsv: precision and recall per category, printed as a table, and the
 * bar of the issue overall (precision 0.9, recall 0.85). On failure every miss and false alarm is listed.
 */
class GuidanceFixtureScoreTest {
  static final Path PACKS = Path.of(System.getProperty("attune.project.dir", "."), "config", "guidance");

  /**
   * @param pass which writing pass the utterance comes from ("first" ... "fourth"): the later passes were
   *             written without looking at the packs, so their own figures show how the phrase lists generalise
   */
  /** A {@code # --- <ordinal> pass...} line starts that writing pass. */
  private static final java.util.regex.Pattern PASS = java.util.regex.Pattern.compile("^# --- (\\w+) pass");

  record Fixture(String file, int line, String pass, Party party, String lang, String text, Set<String> expected) {}

  static final class Score {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
    }
  }

  private static final String RECORD_ONLY = "complaint.";

  /** What an engine found in one utterance: the categories. */
  interface Engine {
    Set<String> categories(Fixture f);
  }

  /** Every fixture scored: per category, per writing pass, overall, and each miss and false alarm as file:line. */
  /** A miss or false alarm, as "file:line: what", and the pass it is in. */
  record Miss(String pass, String text) {}

  record Scored(Map<String, Score> byCategory, Map<String, Score> byPass, Score overall, List<Miss> misses) {
    /** Every miss and false alarm as text. */
    List<String> errors() {
      return misses.stream().map(Miss::text).toList();
    }

    String table(String title) {
      return table(title, Set.of());
    }

    /** The figures, and the misses except those of {@code heldOut} passes (counted, never shown: see the files). */
    String table(String title, Set<String> heldOut) {
      StringBuilder table = new StringBuilder(String.format("%n%s%n%-22s %5s %5s %5s %9s %7s%n", title, "category",
          "tp", "fp", "fn", "precision", "recall"));
      byCategory.forEach((c, s) -> table.append(row(c, s)));
      table.append(row("OVERALL", overall));
      byPass.forEach((pass, s) -> table.append(row(pass + " pass", s)));
      table.append("misses and false alarms").append(heldOut.isEmpty() ? "" : " (not shown for the held-out "
          + String.join(", ", new TreeSet<>(heldOut)) + " passes)").append(":\n");
      misses.stream().filter(m -> !heldOut.contains(m.pass()))
          .forEach(m -> table.append("  ").append(m.text()).append('\n'));
      return table.toString();
    }

    private static String row(String name, Score s) {
      return String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", name, s.tp, s.fp, s.fn, s.precision(), s.recall());
    }
  }

  static Engine rulesOnly(UtteranceRules rules) {
    return f -> {
      Set<String> got = new TreeSet<>();
      rules.check(f.text(), f.party(), f.lang()).forEach(x -> got.add(x.category()));
      rules.checklistCues(f.text(), f.party(), f.lang()).forEach(x -> got.add(x.category()));
      return got;
    };
  }

  static Scored score(List<Fixture> fixtures, Engine engine) {
    Map<String, Score> scores = new TreeMap<>();
    Map<String, Score> passes = new TreeMap<>();
    Score overall = new Score();
    List<Miss> errors = new ArrayList<>();
    for (Fixture f : fixtures) {
      Set<String> got = new TreeSet<>(engine.categories(f));
      got.removeIf(c -> c.startsWith(RECORD_ONLY)); // the complaint's kind is kept with its record: no card, no label
      Set<String> all = new TreeSet<>(got);
      all.addAll(f.expected());
      for (String category : all) {
        Score s = scores.computeIfAbsent(category, c -> new Score());
        Score p = passes.computeIfAbsent(f.pass(), c -> new Score());
        boolean want = f.expected().contains(category);
        boolean have = got.contains(category);
        String where = f.file() + ":" + f.line() + ": ";
        if (want && have) {
          s.tp++;
          p.tp++;
          overall.tp++;
        } else if (have) {
          s.fp++;
          p.fp++;
          overall.fp++;
          errors.add(new Miss(f.pass(), where + "false alarm " + category + ": " + f.party() + " " + f.text()));
        } else {
          s.fn++;
          p.fn++;
          overall.fn++;
          errors.add(new Miss(f.pass(), where + "missed " + category + ": " + f.party() + " " + f.text()));
        }
      }
    }
    return new Scored(scores, passes, overall, errors);
  }

  static List<Fixture> all() throws IOException {
    List<Fixture> fixtures = new ArrayList<>();
    fixtures.addAll(read("fixtures-en.tsv"));
    fixtures.addAll(read("fixtures-zh.tsv"));
    return fixtures;
  }

  /**
   * The passes written for the sentence model (issue 13): {@link SemanticRecallScoreTest} scores them, with the
   * rules alone beside the rules with the model; the phrase rules' own bar stays on the passes before them.
   */
  static final Set<String> SEMANTIC_PASSES = Set.of("eighth", "ninth", "tenth");

  @Test
  void shippedPacksMeetThePrecisionAndRecallBarOnTheLabelledFixtures() throws Exception {
    List<Fixture> fixtures = all().stream().filter(f -> !SEMANTIC_PASSES.contains(f.pass())).toList();
    Scored scored = score(fixtures, rulesOnly(new UtteranceRules(RulePacks.load(PACKS))));
    System.out.println(scored.table("phrase rules alone, " + fixtures.size()
        + " utterances (speed: GuidanceRulesBench)"));
    String errors = String.join("\n", scored.errors());
    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(300);
    assertThat(scored.overall().precision()).as("overall precision; %s", errors).isGreaterThanOrEqualTo(0.9);
    assertThat(scored.overall().recall()).as("overall recall; %s", errors).isGreaterThanOrEqualTo(0.85);
  }

  static List<Fixture> read(String name) throws IOException {
    Path file = Path.of(System.getProperty("attune.project.dir", "."), "agent-assist", "src", "test", "resources",
        "guidance", name);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Fixture> out = new ArrayList<>();
    String pass = "first";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      java.util.regex.Matcher named = PASS.matcher(line);
      if (named.find()) {
        pass = named.group(1);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length != 4) {
        throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected 4 tab-separated columns");
      }
      Set<String> expected = cols[3].trim().equals("-") ? Set.of()
          : Arrays.stream(cols[3].split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
      String lang = cols[1].trim().equals("-") ? null : cols[1].trim();
      out.add(new Fixture(name, i + 1, pass, Party.valueOf(cols[0].trim()), lang, cols[2], expected));
    }
    return out;
  }
}
