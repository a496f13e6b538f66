package dev.attune.assist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the pages say, read from the shipped files: every label exists in English and Chinese, the Chinese ones hold
 * no English words, none carries an internal id, and every label a page or script names is defined.
 */
class ScreenTextTest {
  private static final Path WEBROOT = Path.of("src/main/resources/webroot");
  private static final Pattern ENTRY = Pattern.compile("'([a-zA-Z0-9_.]+)':\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");
  /** The same rule the packs are held to (RulePacksTest). */
  private static final Pattern INTERNAL = Pattern.compile(
      "(?i)\\bseeds?\\s*\\d|\\b[a-z]+_[a-z_]+\\b|\\bchecklist\\.|\\b(custom|checklist)\\.[a-z]");
  /** Latin words a Chinese screen may show: names of things, units, the other language's name on the switch. */
  private static final Set<String> LATIN_IN_CHINESE = Set.of("Attune", "English", "dB", "VIP");

  private static Map<String, String> labels(String language) throws IOException {
    String js = Files.readString(WEBROOT.resolve("js/i18n.js"));
    int start = js.indexOf("    " + language + ": {");
    assertThat(start).as("the %s labels in i18n.js", language).isPositive();
    String block = js.substring(start, js.indexOf("\n    },", start));
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(block);
    while (m.find()) {
      out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return out;
  }

  @Test
  void everyLabelIsInBothLanguagesAndTheChineseOnesHaveNoEnglishWords() throws IOException {
    Map<String, String> en = labels("en");
    Map<String, String> zh = labels("zh");
    assertThat(en).hasSizeGreaterThan(100);
    assertThat(zh.keySet()).isEqualTo(en.keySet());
    for (Map.Entry<String, String> label : zh.entrySet()) {
      String words = label.getValue().replaceAll("\\{\\w+}", " "); // placeholders are filled with data
      for (String allowed : LATIN_IN_CHINESE) {
        words = words.replace(allowed, " ");
      }
      assertThat(words).as("zh %s", label.getKey()).doesNotContainPattern("[A-Za-z]{2,}");
    }
  }

  @Test
  void noLabelCarriesAnInternalId() throws IOException {
    for (String language : new String[] {"en", "zh"}) {
      for (Map.Entry<String, String> label : labels(language).entrySet()) {
        assertThat(label.getValue().replaceAll("\\{\\w+}", " ")).as("%s %s", language, label.getKey())
            .doesNotContainPattern(INTERNAL);
      }
    }
  }

  @Test
  void everyLabelAPageOrScriptNamesIsDefined() throws IOException {
    Set<String> defined = labels("en").keySet();
    Set<String> named = new TreeSet<>();
    Pattern inPages = Pattern.compile("data-i18n(?:-placeholder)?=\"([^\"]+)\"");
    Pattern inScripts = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'");
    try (Stream<Path> files = Files.walk(WEBROOT)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".js")).toList()) {
        Matcher m = (file.toString().endsWith(".html") ? inPages : inScripts).matcher(Files.readString(file));
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    assertThat(named).hasSizeGreaterThan(50);
    for (String name : named) {
      if (name.endsWith(".")) { // t('state.' + call.state): a family of labels, some of which must exist
        assertThat(defined).as("labels named %s*", name).anyMatch(key -> key.startsWith(name));
      } else {
        assertThat(defined).as("label %s", name).contains(name);
      }
    }
  }
}
