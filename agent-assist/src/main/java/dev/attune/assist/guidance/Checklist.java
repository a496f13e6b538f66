package dev.attune.assist.guidance;

import java.time.Instant;
import java.util.List;

/**
 * The live complaint checklist of one call (seeds 000 and 002): whether the call was detected as a complaint, and
 * each step in order with the words that ticked it.
 *
 * @param complaint  true once the customer's words or voice showed a complaint
 * @param evidence   what showed it (the customer's words or the acoustic figures); null before
 * @param detectedAt when it was detected; null before
 * @param steps      listened, empathized, asked, offered, confirmed, followup, in that order
 */
public record Checklist(boolean complaint, String evidence, Instant detectedAt, List<Step> steps) {

  /** The step names, in the order the seeds teach them. */
  public static final List<String> STEPS = List.of("listened", "empathized", "asked", "offered", "confirmed",
      "followup");

  /**
   * @param name     "listened", "empathized", ...
   * @param category its guidance category, "checklist.listened", ...
   * @param evidence the words (or talk-share figures) that ticked it; null while open
   * @param at       when it ticked; null while open
   */
  public record Step(String name, String category, boolean ticked, String evidence, Instant at) {}

  public boolean allTicked() {
    return steps.stream().allMatch(Step::ticked);
  }
}
