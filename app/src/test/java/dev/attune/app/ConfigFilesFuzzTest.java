package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.attune.assist.guidance.GuidanceConfigException;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.assist.web.UserDirectory;
import dev.attune.bridge.routing.RoutingRulesException;
import dev.attune.bridge.routing.RoutingRulesParser;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import dev.attune.core.config.LiveConfigFile;
import dev.attune.core.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration file in {@code config/}, mutated as edits go wrong (lines dropped, repeated, swapped or
 * re-indented, bytes flipped, cut or spliced in): each load either succeeds or fails with the file's own exception
 * listing problems that name the file (and, for the admin files, the line); nothing else ever escapes. Files that are
 * reloaded while running keep their last good version through every broken edit and take every good one.
 */
class ConfigFilesFuzzTest {
  /** Asterisk's own files: read by Asterisk, not by Attune. */
  private static final Set<String> NOT_OURS = Set.of("asterisk");

  @TempDir
  Path config;

  @BeforeEach
  void copyTheShippedConfiguration() throws IOException {
    Path shipped = TestCluster.projectDir().resolve("config");
    try (Stream<Path> files = Files.walk(shipped)) {
      for (Path from : files.filter(Files::isRegularFile).toList()) {
        Path to = config.resolve(shipped.relativize(from).toString());
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
      }
    }
  }

  /** A new file in {@code config/} must get a loader here, so it is fuzzed too. */
  @Test
  void everyShippedConfigurationFileIsFuzzedHere() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(config)) {
      walk.filter(Files::isRegularFile).map(p -> config.relativize(p).toString())
          .filter(name -> !NOT_OURS.contains(Path.of(name).getName(0).toString())).forEach(files::add);
    }
    assertThat(files).containsExactlyInAnyOrder("attune.yaml", "routing.yaml", "guidance/en.yaml",
        "guidance/zh.yaml", "users.example.yaml", "demo-users.yaml");
  }

  @Test
  void brokenNodeConfigurationNamesTheKeyOrTheFile() throws IOException {
    Path file = config.resolve("attune.yaml");
    fuzz("attune.yaml", file, false, ConfigException.class, e -> ((ConfigException) e).problems(),
        () -> AttuneConfig.load(file, Map.of()), problem -> problem.startsWith(file.toString())
            || KEY_PROBLEM.matcher(problem).lookingAt());
  }

  @Test
  void brokenRoutingRulesNameFileAndLineAndTheLastGoodRulesStay() throws Exception {
    Path file = config.resolve("routing.yaml");
    LiveConfigFile<?> live = LiveConfigFile.load("routing rules", file, Long.MAX_VALUE, RoutingRulesParser::parse);
    fuzzLive("routing.yaml", file, live, RoutingRulesException.class, e -> ((RoutingRulesException) e).problems(),
        () -> RoutingRulesParser.parse(file));
  }

  @Test
  void brokenRulePacksNameFileAndLineAndTheLastGoodPacksStay() throws Exception {
    Path dir = config.resolve("guidance");
    LiveConfigFile<?> live = LiveConfigFile.load("guidance rule packs", dir, Long.MAX_VALUE, RulePacks::load);
    for (String pack : List.of("en.yaml", "zh.yaml")) {
      fuzzLive("guidance/" + pack, dir.resolve(pack), live, GuidanceConfigException.class,
          e -> ((GuidanceConfigException) e).problems(), () -> RulePacks.load(dir));
    }
  }

  @Test
  void brokenUserFilesNameTheFile() throws IOException {
    for (String name : List.of("users.example.yaml", "demo-users.yaml")) {
      Path file = config.resolve(name);
      fuzz(name, file, true, ConfigException.class, e -> ((ConfigException) e).problems(),
          () -> UserDirectory.load(List.of(file)), problem -> problem.startsWith(file.toString()));
    }
  }

  /** A problem of the node configuration that names its key: {@code section.key (origin, env NAME): ...}. */
  private static final Pattern KEY_PROBLEM = Pattern.compile("[a-zA-Z]+\\.[a-zA-Z]+ \\(");

  private interface Load {
    Object run() throws Exception;
  }

  private interface Problems {
    List<String> of(Throwable e);
  }

  /** Loads each mutation of {@code file}. */
  private void fuzz(String surface, Path file, boolean lineNumbers, Class<? extends Throwable> refusal,
                   Problems problems, Load load, java.util.function.Predicate<String> namesItsSource)
      throws IOException {
    String good = Files.readString(file, StandardCharsets.UTF_8);
    Fuzz fuzz = Fuzz.forSurface("config:" + surface);
    int refused = 0;
    for (int n = 0; n < Fuzz.cases(); n++) {
      String text = fuzz.chance(0.5) ? fuzz.mutateLines(good) : fuzz.mutate(good);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      try {
        load.run();
      } catch (Throwable e) {
        refused++;
        List<String> listed = checkedRefusal(fuzz, n, text, e, refusal, problems);
        for (String problem : listed) {
          assertThat(namesItsSource.test(problem)).as("%s: '%s' names neither its file nor its key", fuzz.describe(n),
              problem).isTrue();
          if (lineNumbers) {
            assertLineWithin(fuzz, n, file, text, problem);
          }
        }
      }
    }
    Files.writeString(file, good, StandardCharsets.UTF_8);
    assertThat(refused).as("%s: the mutations must break the file sometimes, or this test proves nothing", surface)
        .isPositive();
  }

  /**
   * Each mutation of {@code file} is an edit of a running node's file: refused, the last good version stays (the same
   * object); accepted, it takes effect. The good file is put back after each, and takes effect again.
   */
  private void fuzzLive(String surface, Path file, LiveConfigFile<?> live, Class<? extends Throwable> refusal,
                        Problems problems, Load load) throws Exception {
    String good = Files.readString(file, StandardCharsets.UTF_8);
    Fuzz fuzz = Fuzz.forSurface("config:" + surface);
    long stamp = Files.getLastModifiedTime(file).toMillis();
    int refused = 0;
    for (int n = 0; n < Fuzz.cases(); n++) {
      Object before = live.current();
      String text = fuzz.chance(0.5) ? fuzz.mutateLines(good) : fuzz.mutate(good);
      write(file, text, ++stamp);
      boolean loads;
      try {
        load.run();
        loads = true;
      } catch (Throwable e) {
        loads = false;
        refused++;
        for (String problem : checkedRefusal(fuzz, n, text, e, refusal, problems)) {
          if (problem.startsWith(file.toString())) {
            assertLineWithin(fuzz, n, file, text, problem);
          } else {
            // a pack's problem may name the other pack (a category both must define); it still names a file
            assertThat(problem).as(fuzz.describe(n)).matches("(?s)" + Pattern.quote(file.getParent().toString())
                + ".*?:\\d+: .+");
          }
        }
      }
      boolean reloaded = live.reloadIfChanged();
      assertThat(reloaded).as("%s: reloaded exactly when the edit loads", fuzz.describe(n)).isEqualTo(loads);
      if (!loads) {
        assertThat(live.current()).as("%s: the last good version stays", fuzz.describe(n)).isSameAs(before);
      }
      write(file, good, ++stamp);
      assertThat(live.reloadIfChanged()).as("%s: the good file takes effect again", fuzz.describe(n)).isTrue();
    }
    assertThat(refused).as("%s: the mutations must break the file sometimes, or this test proves nothing", surface)
        .isPositive();
  }

  /** The refusal is the file's own exception, listing at least one problem, none blank. */
  private static List<String> checkedRefusal(Fuzz fuzz, int n, String text, Throwable e,
                                             Class<? extends Throwable> refusal, Problems problems) {
    if (!refusal.isInstance(e)) {
      fail(fuzz.describe(n) + ": expected " + refusal.getSimpleName() + " but " + e + " escaped; the text was:\n"
          + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text), e);
    }
    List<String> listed = problems.of(e);
    assertThat(listed).as(fuzz.describe(n)).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
    return listed;
  }

  /** {@code file:line: what}, the line one of the text's (or one past its end, where YAML found it unfinished). */
  private static void assertLineWithin(Fuzz fuzz, int n, Path file, String text, String problem) {
    Matcher m = Pattern.compile("(?s)" + Pattern.quote(file.toString()) + ":(\\d+): .+").matcher(problem);
    if (!m.matches()) {
      if (problem.startsWith(file + ": ")) {
        return; // a problem of the whole file (cannot read, not YAML at all)
      }
      fail(fuzz.describe(n) + ": '" + problem + "' is not 'file:line: what'");
    }
    long lines = text.lines().count();
    assertThat(Long.parseLong(m.group(1))).as("%s: line of '%s'", fuzz.describe(n), problem).isBetween(1L, lines + 1);
  }

  private static void write(Path file, String text, long modifiedMillis) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
  }
}
