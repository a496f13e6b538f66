package dev.attune.assist.guidance;

import dev.attune.core.calls.CustomerProfile;

/**
 * The screen pop's one-line hint on how to talk with this customer, from how they spoke on earlier calls (seed 000:
 * four kinds of customer by how openly they express themselves and how emotional they are). It describes what they
 * tended to do, never what they are, says what it is based on, and is not given before {@link #MIN_CALLS} measured
 * calls: two calls are an anecdote.
 *
 * <ul>
 *   <li>{@code ventsFirst}: talked most of the time and was upset on most calls: acknowledge the feeling first.</li>
 *   <li>{@code explainsAtLength}: talked most of the time, calmly: let them finish, then sum up.</li>
 *   <li>{@code upsetButQuiet}: said little but was upset on most calls: ask how it affected them.</li>
 *   <li>{@code briefAndFactual}: said little, calmly: get to the point, steps and times.</li>
 * </ul>
 */
public record StyleHint(String kind, int calls, double talkShare, int upsetCalls) {
  public static final int MIN_CALLS = 3;
  /** A customer's share above this is "talked most of the time" (a calm service call is about half each). */
  static final double TALKATIVE = 0.55;
  /** Upset on at least this share of their calls. */
  static final double OFTEN_UPSET = 0.5;

  /** The hint, or null when there is too little to go on. */
  public static StyleHint of(CustomerProfile.SpeakingStyle style) {
    if (style == null || style.calls() < MIN_CALLS) {
      return null;
    }
    double share = style.averageTalkShare();
    boolean talkative = share >= TALKATIVE;
    boolean emotional = style.upsetCalls() >= OFTEN_UPSET * style.calls();
    String kind = talkative ? (emotional ? "ventsFirst" : "explainsAtLength")
        : (emotional ? "upsetButQuiet" : "briefAndFactual");
    return new StyleHint(kind, style.calls(), Math.round(share * 100) / 100.0, style.upsetCalls()); // a screen's 2 digits
  }
}
