package dev.attune.core.calls;

import java.time.Instant;
import java.util.List;

/**
 * What we know of a customer, keyed by their number; updated on every call end and written through to the database.
 * Open promises live in the commitments map and are joined in when a profile is shown.
 */
public record CustomerProfile(
    String number,
    String name,
    int calls,
    int answered,
    int abandoned,
    int complaints,
    Instant lastContactAt,
    CallOutcome lastOutcome,
    String lastAgent,
    String language,
    boolean vip,
    List<String> skills,
    String notes,
    int surveys,
    int surveyScoreSum,
    SpeakingStyle style) {

  /**
   * How the customer spoke on past calls where it could be measured: on how many, their share of the talk summed
   * over them, and on how many they sounded or said they were upset (anger in words or voice). The screen pop's
   * style hint reads it (seed 000: customers differ in how openly they express and how emotional they are).
   */
  public record SpeakingStyle(int calls, double talkShareSum, int upsetCalls) {
    public static final SpeakingStyle NONE = new SpeakingStyle(0, 0, 0);

    public SpeakingStyle plus(double talkShare, boolean upset) {
      return new SpeakingStyle(calls + 1, talkShareSum + talkShare, upsetCalls + (upset ? 1 : 0));
    }

    /** Their average share of the talk, NaN before any measured call. */
    public double averageTalkShare() {
      return calls == 0 ? Double.NaN : talkShareSum / calls;
    }
  }

  public CustomerProfile {
    skills = skills == null ? List.of() : List.copyOf(skills);
    style = style == null ? SpeakingStyle.NONE : style; // profiles stored before styles were measured
  }

  /** The shape before administrators could set skills and notes. */
  public CustomerProfile(String number, String name, int calls, int answered, int abandoned, int complaints,
                         Instant lastContactAt, CallOutcome lastOutcome, String lastAgent, String language,
                         boolean vip) {
    this(number, name, calls, answered, abandoned, complaints, lastContactAt, lastOutcome, lastAgent, language, vip,
        List.of(), null, 0, 0, SpeakingStyle.NONE);
  }

  /** Average post-call rating, null before the first answered survey. */
  public Double surveyAverage() {
    return surveys == 0 ? null : (double) surveyScoreSum / surveys;
  }

  public static CustomerProfile first(String number, String name) {
    return new CustomerProfile(number, name, 0, 0, 0, 0, null, null, null, null, false, List.of(), null, 0, 0,
        SpeakingStyle.NONE);
  }

  /**
   * What an administrator set (null: left as it is): the name, VIP, language, skills a call needs, notes. What calls
   * taught the profile (counts, last contact) is never set by hand.
   */
  public CustomerProfile managed(String newName, Boolean newVip, String newLanguage, List<String> newSkills,
                                 String newNotes) {
    return new CustomerProfile(number, newName != null ? newName : name, calls, answered, abandoned, complaints,
        lastContactAt, lastOutcome, lastAgent, newLanguage != null ? newLanguage : language,
        newVip != null ? newVip : vip, newSkills != null ? newSkills : skills, newNotes != null ? newNotes : notes,
        surveys, surveyScoreSum, style);
  }

  /**
   * What the coach learned on one call: the language heard (null: none, the last known stays) and, when the call's
   * talk could be measured, the customer's share of it ({@code talkShare}, NaN: not measured) and whether they were
   * upset.
   */
  public CustomerProfile learned(String heardLanguage, double talkShare, boolean upset) {
    return new CustomerProfile(number, name, calls, answered, abandoned, complaints, lastContactAt, lastOutcome,
        lastAgent, heardLanguage != null ? heardLanguage : language, vip, skills, notes, surveys, surveyScoreSum,
        Double.isNaN(talkShare) ? style : style.plus(talkShare, upset));
  }

  /**
   * The profile after one more confirmed complaint record: complaints count what an agent confirmed, not every call
   * that sounded like one (a draft the agent discards was no complaint).
   */
  public CustomerProfile complaintRecorded() {
    return new CustomerProfile(number, name, calls, answered, abandoned, complaints + 1, lastContactAt, lastOutcome,
        lastAgent, language, vip, skills, notes, surveys, surveyScoreSum, style);
  }

  /** The profile after one answered post-call survey. */
  public CustomerProfile surveyed(int score) {
    return new CustomerProfile(number, name, calls, answered, abandoned, complaints, lastContactAt, lastOutcome,
        lastAgent, language, vip, skills, notes, surveys + 1, surveyScoreSum + score, style);
  }

  /** The profile after one more finished call. */
  public CustomerProfile withCall(CallRecord call) {
    boolean answered = call.answeredAt() != null;
    return new CustomerProfile(number, name, calls + 1, this.answered + (answered ? 1 : 0),
        abandoned + (call.outcome() == CallOutcome.ABANDONED ? 1 : 0), complaints, call.endedAt(), call.outcome(),
        call.agent() != null ? call.agent() : lastAgent, language, vip, skills, notes, surveys, surveyScoreSum, style);
  }
}
