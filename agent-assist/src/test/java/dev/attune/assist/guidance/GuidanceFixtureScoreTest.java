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

  private static final class Score {
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

  @Test
  void shippedPacksMeetThePrecisionAndRecallBarOnTheLabelledFixtures() throws Exception {
    UtteranceRules rules = new UtteranceRules(RulePacks.load(PACKS));
    List<Fixture> fixtures = new ArrayList<>();
    fixtures.addAll(read("fixtures-en.tsv"));
    fixtures.addAll(read("fixtures-zh.tsv"));

    Map<String, Score> scores = new TreeMap<>();
    Map<String, Score> passes = new TreeMap<>();
    Score overall = new Score();
    List<String> errors = new ArrayList<>();
    for (Fixture f : fixtures) {
      Set<String> got = new TreeSet<>();
      rules.check(f.text(), f.party(), f.lang()).forEach(x -> got.add(x.category()));
      rules.checklistCues(f.text(), f.party(), f.lang()).forEach(x -> got.add(x.category()));
      Set<String> all = new TreeSet<>(got);
      all.addAll(f.expected());
      for (String category : all) {
        Score s = scores.computeIfAbsent(category, c -> new Score());
        Score p = passes.computeIfAbsent(f.pass(), c -> new Score());
        boolean want = f.expected().contains(category);
        boolean have = got.contains(category);
        if (want && have) {
          s.tp++;
          p.tp++;
          overall.tp++;
        } else if (have) {
          s.fp++;
          p.fp++;
          overall.fp++;
          errors.add(f.file() + ":" + f.line() + ": false alarm " + category + ": " + f.party() + " " + f.text());
        } else {
          s.fn++;
          p.fn++;
          overall.fn++;
          errors.add(f.file() + ":" + f.line() + ": missed " + category + ": " + f.party() + " " + f.text());
        }
      }
    }

    StringBuilder table = new StringBuilder(String.format("%n%-22s %5s %5s %5s %9s %7s%n", "category", "tp", "fp",
        "fn", "precision", "recall"));
    scores.forEach((c, s) -> table.append(String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", c, s.tp, s.fp, s.fn,
        s.precision(), s.recall())));
    table.append(String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", "OVERALL", overall.tp, overall.fp, overall.fn,
        overall.precision(), overall.recall()));
    passes.forEach((pass, s) -> table.append(String.format("%-22s %5d %5d %5d %9.3f %7.3f%n", pass + " pass",
        s.tp, s.fp, s.fn, s.precision(), s.recall())));
    table.append(fixtures.size()).append(" utterances (speed: GuidanceRulesBench); misses and false alarms:\n");
    errors.forEach(e -> table.append("  ").append(e).append('\n'));
    System.out.println(table);

    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(300);
    assertThat(overall.precision()).as("overall precision; %s", String.join("\n", errors)).isGreaterThanOrEqualTo(0.9);
    assertThat(overall.recall()).as("overall recall; %s", String.join("\n", errors)).isGreaterThanOrEqualTo(0.85);
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
