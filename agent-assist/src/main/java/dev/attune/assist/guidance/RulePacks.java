package dev.attune.assist.guidance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The guidance rule packs, one per language, read from a folder holding {@code en.yaml}, {@code zh.yaml} and any
 * more {@code <lang>.yaml}. Immutable and safe to share; to pick up edits load again (see {@link LiveRulePacks}).
 */
public final class RulePacks {
  private final Map<String, RulePack> packs;

  private RulePacks(Map<String, RulePack> packs) {
    this.packs = Map.copyOf(packs);
  }

  /** Loads every pack in the folder; any problem in any file fails the load and is listed as "file:line: what". */
  public static RulePacks load(Path dir) throws GuidanceConfigException {
    List<String> problems = new ArrayList<>();
    Map<String, RulePack> packs = new TreeMap<>();
    List<Path> files = List.of();
    if (!Files.isDirectory(dir)) {
      throw new GuidanceConfigException(List.of(dir + ":1: not a folder of rule packs (en.yaml, zh.yaml, ...)"));
    }
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]+)?\\.ya?ml"))
          .sorted().toList();
    } catch (IOException e) {
      problems.add(dir + ":1: cannot list the folder: " + e.getMessage());
    }
    if (files.isEmpty() && problems.isEmpty()) {
      problems.add(dir + ":1: no rule packs found; expected en.yaml, zh.yaml, ...");
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String language = name.substring(0, name.lastIndexOf('.')).toLowerCase().replace('_', '-');
      try {
        RulePack pack = RulePackParser.parse(file.toString(), language,
            Files.readString(file, StandardCharsets.UTF_8), problems);
        if (pack != null) {
          packs.put(language, pack);
        }
      } catch (IOException e) {
        problems.add(file + ":1: cannot read: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new GuidanceConfigException(problems);
    }
    return new RulePacks(packs);
  }

  public Set<String> languages() {
    return packs.keySet();
  }

  /** The pack for a language tag ("zh", "zh-CN", "en-US"), or null if there is none. */
  RulePack pack(String lang) {
    if (lang == null || lang.isBlank()) {
      return null;
    }
    String tag = lang.trim().toLowerCase().replace('_', '-');
    RulePack exact = packs.get(tag);
    if (exact != null) {
      return exact;
    }
    int dash = tag.indexOf('-');
    return dash > 0 ? packs.get(tag.substring(0, dash)) : null;
  }

  /**
   * The packs that read this text: the stated language's, else by script; text mixing Chinese and English words is
   * read by both.
   */
  List<RulePack> forText(UnitText units, String lang) {
    List<RulePack> out = new ArrayList<>();
    RulePack stated = pack(lang);
    if (stated != null) {
      out.add(stated);
    }
    boolean han = units.hasHan();
    boolean latin = units.hasLatinWords();
    if (stated == null || han && latin) {
      addIfPresent(out, pack("zh"), han);
      addIfPresent(out, pack("en"), latin);
    }
    if (out.isEmpty()) { // digits or symbols only ("12315"): any pack may know them
      packs.values().forEach(out::add);
    }
    return out;
  }

  private static void addIfPresent(List<RulePack> out, RulePack pack, boolean wanted) {
    if (wanted && pack != null && !out.contains(pack)) {
      out.add(pack);
    }
  }
}
