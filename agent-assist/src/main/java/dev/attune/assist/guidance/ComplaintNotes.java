package dev.attune.assist.guidance;

import dev.attune.core.complaints.Complaint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one call showed about a complaint, kept by its coach for the record drafted at wrap-up: the customer's own
 * words, which kind of complaint the rule packs' {@code complaint.*} cues point to, how far the customer threatened
 * to take it, how the agent spoke (arguing or shifting blame is a communication conflict), and the cards shown. Each
 * cue keeps the pack's explanation and the words heard, so the draft can say why it guessed what it did. Used from
 * the coach's thread only.
 */
public final class ComplaintNotes {
  private static final int MAX_QUOTES = 3;
  private static final int MAX_CUES_PER_KIND = 20; // counted for the kind; the draft quotes a few
  private static final int MAX_QUOTE_CHARS = 300;

  /**
   * How far the customer said they would take it (seed 000's ladder): a formal complaint, a manager or leaving
   * ({@code escalation} cues), or regulators, courts and the media ({@code escalation_public}).
   */
  public enum Threat { NONE, ESCALATION, PUBLIC }

  /** One cue: what the pack says it means and the words that showed it. */
  public record Cue(String why, String said) {}

  private final List<String> customerSaid = new ArrayList<>();
  private final Map<Complaint.Category, List<Cue>> kinds = new LinkedHashMap<>();
  private final List<Cue> agentConduct = new ArrayList<>();
  private final Set<String> cards = new LinkedHashSet<>();
  private Threat threat = Threat.NONE;
  private Cue threatCue;

  void customerComplained(String sentence) {
    String quote = sentence.strip();
    quote = quote.length() > MAX_QUOTE_CHARS ? quote.substring(0, MAX_QUOTE_CHARS) + "…" : quote;
    if (customerSaid.size() < MAX_QUOTES && !customerSaid.contains(quote)) {
      customerSaid.add(quote);
    }
  }

  void kind(Complaint.Category category, String why, String said) {
    List<Cue> cues = kinds.computeIfAbsent(category, c -> new ArrayList<>());
    if (cues.size() < MAX_CUES_PER_KIND) {
      cues.add(new Cue(why, said));
    }
  }

  void threatened(Threat level, String why, String said) {
    if (level.compareTo(threat) > 0) {
      threat = level;
      threatCue = new Cue(why, said);
    }
  }

  void agentConduct(String why, String said) {
    if (agentConduct.size() < MAX_CUES_PER_KIND) {
      agentConduct.add(new Cue(why, said));
    }
  }

  void card(String title) {
    if (title != null && !title.isBlank()) {
      cards.add(title);
    }
  }

  /** The customer's complaining sentences, first heard first (at most three). */
  public List<String> customerSaid() {
    return List.copyOf(customerSaid);
  }

  /** The cues per kind of complaint, in the order the kinds were first heard. */
  public Map<Complaint.Category, List<Cue>> kinds() {
    Map<Complaint.Category, List<Cue>> copy = new LinkedHashMap<>();
    kinds.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  /** The agent's wording that turns a complaint into a conflict (arguing, blame, "calm down", a blunt no). */
  public List<Cue> agentConduct() {
    return List.copyOf(agentConduct);
  }

  public Threat threat() {
    return threat;
  }

  /** The words of the highest threat, null when there was none. */
  public Cue threatCue() {
    return threatCue;
  }

  /** Titles of the cards the agent got on the call, first shown first. */
  public List<String> cards() {
    return List.copyOf(cards);
  }
}
