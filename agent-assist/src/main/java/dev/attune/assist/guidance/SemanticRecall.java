package dev.attune.assist.guidance;

import dev.attune.core.calls.Party;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The sentence model beside the phrase rules. Each category's example sentences in its pack train a probe
 * ({@link LinearProbe}) over the model's sentence vectors, so a paraphrase no phrase list foresaw ("that'll be your
 * card issuer, not us") is still recalled, and a centre widens coverage by adding examples, not code. The model only
 * adds what the rules did not find, one category per family at most ({@link #family}), and the rules' guards hold
 * for it: the category's party; the pack's language (each pack its own model); quotation marks; the category's
 * "unless" phrases; and where the category's phrases are in the utterance but the rules set them aside (negated,
 * reported, an exception: "I can't guarantee that", "you said 'calm down'"), the model does not raise them again.
 * A near miss of the family closer than the category's nearest example cancels it ("none of this is on you"), and
 * so does one of the pack's ordinary lines ({@code matching.ordinary}), the model's "none of the above".
 *
 * <p>Blocking (a model call is milliseconds): run it on {@link RecallWorkers}, never on an event loop. Thread-safe.
 */
public final class SemanticRecall {
  private final Supplier<RulePacks> packs;
  private final Function<String, SentenceModel> models;
  private final UtteranceRules rules;
  private volatile Indexed indexed;

  /** The examples of one pack's categories as vectors, built once per loaded {@link RulePacks}. */
  private record Indexed(RulePacks packs, Map<RulePack, PackIndex> byPack) {}

  private record PackIndex(SentenceModel model, List<CategoryIndex> categories, float[][] ordinary) {}

  /** {@code nearMisses}: the category's and its family's. */
  private record CategoryIndex(CategoryRule rule, float[][] like, float[][] nearMisses, LinearProbe probe) {}

  /** @param models the model for a pack language, or null for a language without one (rules only) */
  public SemanticRecall(Supplier<RulePacks> packs, Function<String, SentenceModel> models) {
    this.packs = packs;
    this.models = models;
    this.rules = new UtteranceRules(packs);
  }

  /**
   * What the model recalls and the rules did not find, every kind (checklist cues too), each with "close to: "
   * and the example as its evidence.
   */
  public List<Finding> findings(String text, Party party, String lang) {
    List<Finding> out = new ArrayList<>();
    for (UtteranceRules.Hit hit : hits(text, party, lang)) {
      out.add(UtteranceRules.finding(hit.rule(), hit.rule().severity(), hit.evidenceText()));
    }
    return out;
  }

  /** Builds the example vectors of the current packs now (about 5 ms an example), instead of on the first check. */
  public void warmUp() {
    index();
  }

  List<UtteranceRules.Hit> hits(String text, Party party, String lang) {
    Map<String, Closest> bestOfFamily = new java.util.LinkedHashMap<>();
    for (Closest c : closest(text, party, lang)) {
      if (c.confidence() >= c.rule().examples().confidence()) {
        bestOfFamily.merge(family(c.rule()), c, (a, b) -> b.confidence() > a.confidence() ? b : a);
      }
    }
    List<UtteranceRules.Hit> out = new ArrayList<>();
    for (Closest c : bestOfFamily.values()) {
      out.add(new UtteranceRules.Hit(c.rule(), List.of(new MeasuredEvidence(c.language()).closeTo(c.example())), 1));
    }
    return out;
  }

  /**
   * A category the guards let count for the utterance: its probe's confidence (before the category's threshold)
   * and the nearest of its examples, which the card quotes.
   */
  record Closest(CategoryRule rule, String language, String example, double confidence) {}

  /**
   * For each category the rules did not find and the guards allow, its nearest example that is closer than the
   * category's near misses and the pack's ordinary lines; the thresholds are {@link #hits}'s (and a tuning tool's).
   */
  List<Closest> closest(String text, Party party, String lang) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Set<String> found = new HashSet<>(); // families: what the rules found of a kind, the model leaves to them
    rules.hits(text, party, lang).forEach(h -> found.add(family(h.rule())));
    Indexed current = index();
    UnitText units = UnitText.of(text);
    boolean quoted = anyQuoted(units);
    List<Closest> out = new ArrayList<>();
    for (RulePack pack : current.packs().forText(units, lang)) {
      PackIndex index = current.byPack().get(pack);
      if (index == null || index.categories().isEmpty()) {
        continue;
      }
      RulePack.Reading reading = pack.read(units);
      List<Piece> pieces = null;
      for (CategoryIndex c : index.categories()) {
        CategoryRule rule = c.rule();
        if (found.contains(family(rule)) || !rule.appliesTo(party) || rule.ignoreQuoted() && quoted
            || rule.unless().foundIn(units) || pack.ruledOut(rule, reading)) {
          continue;
        }
        if (pieces == null) {
          pieces = pieces(units, index);
        }
        Closest closest = null;
        for (Piece piece : pieces) {
          int best = nearest(piece.vector(), c.like());
          double similarity = dot(piece.vector(), c.like()[best]);
          double confidence = c.probe().probability(piece.vector());
          if (similarity > piece.ordinary() && similarity > nearestDot(piece.vector(), c.nearMisses())
              && (closest == null || confidence > closest.confidence())) {
            closest = new Closest(rule, pack.language, rule.examples().like().get(best), confidence);
          }
        }
        if (closest != null) {
          out.add(closest);
        }
      }
    }
    return out;
  }

  /**
   * Categories of one kind said by one party (the agent's wording, the customer's state, the checklist steps):
   * sibling meanings sit close together in the model's space, so the model names the likeliest one of a family,
   * and none where the rules already named one ("with all due respect, that's not how it works" is arguing, not
   * also blunt and dismissive).
   */
  private static String family(CategoryRule rule) {
    return rule.kind() + "/" + rule.party();
  }

  /**
   * Each sentence of the utterance (the first {@value #MAX_PIECES}), or the utterance itself when it is one:
   * "that's the courier's problem. and no, we won't resend it" is two meanings, one vector would blur both; and an
   * embedding is most of the cost of a check, so a sentence is embedded once.
   */
  private static List<Piece> pieces(UnitText units, PackIndex index) {
    List<String> texts = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= units.size() && texts.size() < MAX_PIECES; i++) {
      if (i == units.size() || units.unit(i).sentence() != units.unit(from).sentence()) {
        texts.add(units.evidence(from, i));
        from = i;
      }
    }
    List<Piece> out = new ArrayList<>();
    for (String piece : texts) {
      float[] v = index.model().vector(piece);
      out.add(new Piece(v, nearestDot(v, index.ordinary())));
    }
    return out;
  }

  private static final int MAX_PIECES = 4;

  /** One piece's vector and how close it comes to the nearest ordinary line. */
  private record Piece(float[] vector, double ordinary) {}

  private Indexed index() {
    RulePacks now = packs.get();
    Indexed current = indexed;
    if (current != null && current.packs() == now) {
      return current;
    }
    synchronized (this) { // one build per reload, however many workers ask at once
      if (indexed == null || indexed.packs() != now) {
        indexed = build(now);
      }
      return indexed;
    }
  }

  private Indexed build(RulePacks all) {
    Map<RulePack, PackIndex> byPack = new IdentityHashMap<>();
    for (String language : all.languages()) {
      RulePack pack = all.pack(language);
      SentenceModel model = models.apply(pack.language);
      if (model == null) {
        continue;
      }
      List<CategoryRule> withExamples = pack.categories.values().stream().filter(r -> !r.examples().isEmpty()).toList();
      List<CategoryIndex> categories = new ArrayList<>();
      for (CategoryRule rule : withExamples) {
        List<String> nearMisses = new ArrayList<>(); // a sibling's near miss is a fine utterance for this one too
        List<String> others = new ArrayList<>(pack.ordinary);
        for (CategoryRule other : withExamples) {
          if (family(other).equals(family(rule))) {
            nearMisses.addAll(other.examples().nearMisses());
          }
          others.addAll(other.examples().nearMisses());
          if (other != rule) {
            others.addAll(other.examples().like());
          }
        }
        List<String> like = rule.examples().like();
        categories.add(new CategoryIndex(rule, vectors(model, like), vectors(model, nearMisses),
            PROBES.computeIfAbsent(new ProbeInput(model, like, others), in -> LinearProbe.train(
                List.of(vectors(model, in.like())), List.of(vectors(model, in.others()))))));
      }
      byPack.put(pack, new PackIndex(model, List.copyOf(categories), vectors(model, pack.ordinary)));
    }
    return new Indexed(all, byPack);
  }

  /**
   * What a probe is trained on. Training is seconds per pack, and tests start many nodes in one JVM on the same
   * packs: probes are kept per JVM by their input (an edited pack trains anew; the few stale ones are small).
   */
  private record ProbeInput(SentenceModel model, List<String> like, List<String> others) {}

  private static final Map<ProbeInput, LinearProbe> PROBES = new java.util.concurrent.ConcurrentHashMap<>();

  private static float[][] vectors(SentenceModel model, List<String> sentences) {
    float[][] out = new float[sentences.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.exampleVector(sentences.get(i));
    }
    return out;
  }

  private static boolean anyQuoted(UnitText units) {
    for (int i = 0; i < units.size(); i++) {
      if (units.unit(i).quoted()) {
        return true;
      }
    }
    return false;
  }

  private static int nearest(float[] v, float[][] examples) {
    int best = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < examples.length; i++) {
      double d = dot(v, examples[i]);
      if (d > top) {
        top = d;
        best = i;
      }
    }
    return best;
  }

  /** The similarity of the nearest of {@code examples}; minus infinity if there are none. */
  private static double nearestDot(float[] v, float[][] examples) {
    return examples.length == 0 ? Double.NEGATIVE_INFINITY : dot(v, examples[nearest(v, examples)]);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
