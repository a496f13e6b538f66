package dev.attune.assist.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.core.calls.Party;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePacksTest {
  @TempDir
  Path dir;

  @Test
  void shippedPacksLoadForEnglishAndChinese() throws Exception {
    RulePacks packs = RulePacks.load(GuidanceFixtureScoreTest.PACKS);
    assertThat(packs.languages()).contains("en", "zh");
  }

  /**
   * What an agent reads (a card's title, why and better phrasing) carries no internal id: no rule or category id, no
   * source-document number. Sources belong in the packs' comments.
   */
  @Test
  void noAgentFacingTextInAShippedPackCarriesAnInternalId() throws Exception {
    RulePacks packs = RulePacks.load(GuidanceFixtureScoreTest.PACKS);
    java.util.regex.Pattern internal = java.util.regex.Pattern.compile(
        "(?i)\\bseeds?\\s*\\d|\\b[a-z]+_[a-z_]+\\b|\\bchecklist\\.|\\b(custom|checklist)\\.[a-z]");
    int checked = 0;
    for (String language : packs.languages()) {
      for (CategoryRule rule : packs.pack(language).categories.values()) {
        assertThat(rule.title()).as("%s %s: title", language, rule.name()).isNotBlank();
        for (String text : new String[] {rule.title(), rule.why(), rule.better()}) {
          assertThat(text).as("%s %s", language, rule.name()).doesNotContainPattern(internal);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void brokenPackListsEveryProblemWithFileAndLine() throws Exception {
    copyResource("broken-en.yaml", "en.yaml");
    List<String> problems = problems();
    String file = dir.resolve("en.yaml").toString();
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":4: ").contains("fuzzy")
        .contains("true or false"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":16: ").contains("bad regular expression"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":17: ").contains("unknown category"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":21: ").contains("categories.blame.why")
        .contains("missing"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":22: ").contains("\"HIGH\""));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":25: ").contains("phrazes")
        .contains("unknown key"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":29: ").contains("windowSeconds")
        .contains("out of range"));
    assertThat(problems).hasSize(7);
  }

  @Test
  void invalidYamlNamesFileAndLine() throws Exception {
    Files.writeString(dir.resolve("zh.yaml"), "language: zh\nmatching:\n  gap: [1, 2\ncategories: {}\n");
    assertThat(problems()).singleElement().satisfies(p -> assertThat(p)
        .startsWith(dir.resolve("zh.yaml") + ":").contains("not valid YAML"));
  }

  @Test
  void everyBrokenFileIsReportedNotJustTheFirst() throws Exception {
    copyResource("broken-en.yaml", "en.yaml");
    Files.writeString(dir.resolve("zh.yaml"), "language: en\n");
    List<String> problems = problems();
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("en.yaml:"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("zh.yaml:1: language").contains("file name"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("zh.yaml:1: matching: missing"));
  }

  @Test
  void aFolderWithoutPacksIsAnError() {
    assertThatThrownBy(() -> RulePacks.load(dir)).isInstanceOf(GuidanceConfigException.class)
        .hasMessageContaining("no rule packs");
  }

  @Test
  void editedPacksAreReloadedAndABrokenEditKeepsTheLastGoodOnes() throws Exception {
    Path pack = dir.resolve("en.yaml");
    Files.writeString(pack, minimalPack("\"not my department\""));
    LiveRulePacks live = new LiveRulePacks(dir, 0);
    UtteranceRules rules = new UtteranceRules(live);
    assertThat(categories(rules.check("not my job", Party.AGENT, "en"))).isEmpty();

    write(pack, minimalPack("\"not my department\", \"not my job\""), 1);
    assertThat(categories(rules.check("not my job", Party.AGENT, "en"))).containsExactly("blame");

    write(pack, minimalPack("\"not my department\", \"(broken\"").replace("phrases:", "patterns:"), 2);
    assertThat(live.reloadIfChanged()).isFalse();
    assertThat(categories(rules.check("not my job", Party.AGENT, "en"))).containsExactly("blame");
  }

  @Test
  void exampleSentencesAreCheckedWithFileAndLine() throws Exception {
    Files.writeString(dir.resolve("en.yaml"), """
        language: en
        matching:
          gap: 3
          fuzzy: true
          negation: {window: 2, cues: [not]}
          quotation: {window: 8, cues: [said]}
          ordinary: ["Could I take your postcode?", ""]
        categories:
          blame:
            severity: WARNING
            why: "Shifting blame."
            better: "I'll take care of it."
            phrases: ["not my department"]
            examples: ["That's the bank's problem.", "That's the bank's problem."]
          arguing:
            severity: WARNING
            why: "Arguing."
            better: "Let me check."
            phrases: ["youre wrong"]
            confidence: 0.3
            examples: ["You've got that wrong."]
          dismissive:
            severity: INFO
            why: "Minimising."
            better: "I know this matters."
            phrases: ["no big deal"]
            nearMisses: ["I know it's a big deal."]
        """);
    String file = dir.resolve("en.yaml").toString();
    List<String> problems = problems();
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":7: ").contains("matching.ordinary")
        .contains("must not be empty"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":14: ").contains("given twice"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":14: ").contains("categories.blame.confidence")
        .contains("missing beside examples"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":20: ").contains("0.3 is out of range (0.5..0.99)"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":27: ")
        .contains("categories.dismissive.nearMisses").contains("needs examples"));
    assertThat(problems).hasSize(5);
  }

  @Test
  void examplesNeedOrdinaryLinesBesideThemToTellTheCategoryFromEverydaySpeech() throws Exception {
    Files.writeString(dir.resolve("en.yaml"), minimalPack("\"not my department\"")
        .replace("    phrases:", "    confidence: 0.6\n    examples: [\"That's the bank's problem.\"]\n    phrases:")
        .replace("  quotation: {window: 8, cues: [said]}", "  quotation: {window: 8, cues: [said]}\n  ordinary: [\"Hello.\"]"));
    String file = dir.resolve("en.yaml").toString();
    assertThat(problems()).singleElement().satisfies(p -> assertThat(p).startsWith(file + ":7: ")
        .contains("matching.ordinary").contains("at least 5").contains("found 1"));
  }

  private static List<String> categories(List<Finding> findings) {
    return findings.stream().map(Finding::category).toList();
  }

  /** Writes and moves the modification time on, so the change is seen even within one clock tick. */
  private static void write(Path file, String text, int step) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(step)));
  }

  private static String minimalPack(String phrases) {
    return """
        language: en
        matching:
          gap: 3
          fuzzy: true
          negation: {window: 2, cues: [not]}
          quotation: {window: 8, cues: [said]}
        categories:
          blame:
            severity: WARNING
            why: "Shifting blame."
            better: "I'll take care of it."
            phrases: [%s]
        """.formatted(phrases);
  }

  private List<String> problems() {
    try {
      RulePacks.load(dir);
    } catch (GuidanceConfigException e) {
      return e.problems();
    }
    throw new AssertionError("the broken pack loaded");
  }

  private void copyResource(String resource, String name) throws IOException {
    try (var in = getClass().getResourceAsStream("/guidance/" + resource)) {
      Files.write(dir.resolve(name), in.readAllBytes());
    }
  }
}
