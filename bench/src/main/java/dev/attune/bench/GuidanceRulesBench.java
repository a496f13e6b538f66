package dev.attune.bench;

import dev.attune.assist.guidance.RulePacks;
import dev.attune.assist.guidance.SemanticRecall;
import dev.attune.assist.guidance.SentenceModel;
import dev.attune.assist.guidance.UtteranceRules;
import dev.attune.core.calls.Party;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ahocorasick.trie.Trie;
import org.yaml.snakeyaml.Yaml;

/**
 * Time to check one utterance against the shipped guidance packs (wording and customer-state findings plus
 * checklist cues, with clauses, negation, quotation, exceptions and typo tolerance) next to a bare Aho-Corasick
 * keyword scan of the same phrase lists (no context at all: the cheapest thing that could work), and the rules with
 * the sentence model beside them (BGE small, one ONNX thread: what one recall worker, one core, sustains), on the
 * labelled fixture utterances, in one run.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp
 * bench/target/attune-bench.jar dev.attune.bench.GuidanceRulesBench [rounds]}.
 */
public final class GuidanceRulesBench {
  private GuidanceRulesBench() {}

  record Utterance(Party party, String lang, String text) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path packsDir = Path.of("config", "guidance");
    List<Utterance> utterances = new ArrayList<>();
    for (String lang : List.of("en", "zh")) {
      utterances.addAll(read(Path.of("agent-assist", "src", "test", "resources", "guidance",
          "fixtures-" + lang + ".tsv")));
    }
    RulePacks packs = RulePacks.load(packsDir);
    UtteranceRules rules = new UtteranceRules(packs);
    SemanticRecall recall = new SemanticRecall(() -> packs, SentenceModel::bgeSmallShared);
    recall.warmUp();
    Trie keywords = keywordTrie(packsDir);

    // Warm both up, then measure each utterance separately for the percentiles.
    long sink = 0;
    for (int r = 0; r < 5; r++) {
      for (Utterance u : utterances) {
        sink += ours(rules, u) + keywords.parseText(u.text()).size() + recall.findings(u.text(), u.party(), u.lang()).size();
      }
    }
    long[] oursNs = new long[rounds * utterances.size()];
    long[] baseNs = new long[rounds * utterances.size()];
    long[] modelNs = new long[rounds * utterances.size()];
    int i = 0;
    for (int r = 0; r < rounds; r++) {
      for (Utterance u : utterances) {
        long t0 = System.nanoTime();
        sink += ours(rules, u);
        long t1 = System.nanoTime();
        sink += keywords.parseText(u.text()).size();
        long t2 = System.nanoTime();
        sink += ours(rules, u) + recall.findings(u.text(), u.party(), u.lang()).size();
        long t3 = System.nanoTime();
        oursNs[i] = t1 - t0;
        baseNs[i] = t2 - t1;
        modelNs[i++] = t3 - t2;
      }
    }
    Arrays.sort(oursNs);
    Arrays.sort(baseNs);
    Arrays.sort(modelNs);
    System.out.printf(Locale.ROOT, "%d utterances x %d rounds (sink %d)%n", utterances.size(), rounds, sink);
    System.out.printf(Locale.ROOT, "{\"bench\":\"guidance-rules\",\"utterances\":%d,\"rounds\":%d,"
            + "\"oursP50Us\":%.1f,\"oursP99Us\":%.1f,\"oursMeanUs\":%.1f,"
            + "\"keywordScanP50Us\":%.1f,\"keywordScanP99Us\":%.1f,\"keywordScanMeanUs\":%.1f,"
            + "\"withModelP50Us\":%.1f,\"withModelP99Us\":%.1f,\"withModelMeanUs\":%.1f,"
            + "\"withModelPerCorePerS\":%.0f}%n",
        utterances.size(), rounds, us(pct(oursNs, 0.5)), us(pct(oursNs, 0.99)), us(mean(oursNs)),
        us(pct(baseNs, 0.5)), us(pct(baseNs, 0.99)), us(mean(baseNs)),
        us(pct(modelNs, 0.5)), us(pct(modelNs, 0.99)), us(mean(modelNs)), 1e9 / mean(modelNs));
  }

  private static int ours(UtteranceRules rules, Utterance u) {
    return rules.check(u.text(), u.party(), u.lang()).size() + rules.checklistCues(u.text(), u.party(), u.lang()).size();
  }

  /** Every phrase of every category of every pack, as plain lower-case keywords. */
  @SuppressWarnings("unchecked")
  private static Trie keywordTrie(Path dir) throws IOException {
    Trie.TrieBuilder builder = Trie.builder().ignoreCase();
    for (String lang : List.of("en", "zh")) {
      Map<String, Object> pack = new Yaml().load(Files.readString(dir.resolve(lang + ".yaml"), StandardCharsets.UTF_8));
      Map<String, Object> categories = (Map<String, Object>) pack.get("categories");
      for (Object category : categories.values()) {
        Object phrases = ((Map<String, Object>) category).get("phrases");
        if (phrases instanceof List<?> list) {
          list.forEach(p -> builder.addKeyword(String.valueOf(p).replace("*", "").replace("^", "")));
        }
      }
    }
    return builder.build();
  }

  private static List<Utterance> read(Path file) throws IOException {
    List<Utterance> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      out.add(new Utterance(Party.valueOf(cols[0].trim()), cols[1].equals("-") ? null : cols[1], cols[2]));
    }
    return out;
  }

  private static double pct(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
  }

  private static double mean(long[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private static double us(double ns) {
    return ns / 1000.0;
  }
}
