package dev.attune.assist.complaints;

import dev.attune.assist.guidance.ComplaintNotes;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.complaints.Complaint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drafts the complaint record of a finished call from what its coach heard, for the agent to confirm or change. Every
 * guess is explainable and carries its reasons (the pack's words and what was said); where nothing points anywhere
 * the draft leaves the field empty for the agent rather than guess.
 *
 * <ul>
 *   <li>Kind: the one with most cues, the agent's conflict wording counting for a communication conflict; on a tie,
 *       the one heard first.</li>
 *   <li>Severity: a threat to go to regulators, courts or the media makes it major (seed 000 sends those straight to
 *       management). Otherwise it is left to the agent: whether a complaint is justified, unjustified or minor is a
 *       judgment of the facts, which the words of a call do not settle.</li>
 *   <li>Summary: the customer's own complaining sentences, as heard.</li>
 * </ul>
 */
public final class ComplaintDraft {
  private ComplaintDraft() {}

  public static Complaint of(LiveCall call, ComplaintNotes notes, String lang, Instant now) {
    List<Complaint.Reason> reasons = new ArrayList<>();
    Complaint.Category kind = kind(notes);
    if (kind != null) {
      List<ComplaintNotes.Cue> cues = new ArrayList<>(notes.kinds().getOrDefault(kind, List.of()));
      if (kind == Complaint.Category.COMMUNICATION_CONFLICT) {
        cues.addAll(notes.agentConduct());
      }
      // one reason per explanation, with the words that showed it (the same cue heard twice is one reason)
      Map<String, List<String>> saidByWhy = new java.util.LinkedHashMap<>();
      cues.forEach(c -> saidByWhy.computeIfAbsent(c.why(), w -> new ArrayList<>()).add(c.said()));
      saidByWhy.entrySet().stream().limit(3).forEach(e -> reasons.add(new Complaint.Reason(e.getKey(),
          String.join(" / ", e.getValue().stream().distinct().limit(3).toList()))));
    }
    // only a public threat says how serious it is; justified, unjustified or minor is the agent's judgment
    Complaint.Severity severity = notes.threat() == ComplaintNotes.Threat.PUBLIC ? Complaint.Severity.MAJOR : null;
    if (notes.threatCue() != null) {
      reasons.add(new Complaint.Reason(notes.threatCue().why(), notes.threatCue().said()));
    }
    return new Complaint(UUID.randomUUID().toString(), call.id(), call.caller(), call.callerName(),
        call.agent(), call.queue(), lang, kind, severity, String.join("\n", notes.customerSaid()), reasons,
        notes.cards(), Complaint.Status.DRAFT, now, null, null, null, null, now);
  }

  private static Complaint.Category kind(ComplaintNotes notes) {
    Map<Complaint.Category, List<ComplaintNotes.Cue>> kinds = notes.kinds();
    Complaint.Category best = null;
    int bestCount = 0;
    for (Map.Entry<Complaint.Category, List<ComplaintNotes.Cue>> e : kinds.entrySet()) {
      int count = e.getValue().size()
          + (e.getKey() == Complaint.Category.COMMUNICATION_CONFLICT ? notes.agentConduct().size() : 0);
      if (count > bestCount) {
        best = e.getKey();
        bestCount = count;
      }
    }
    if (notes.agentConduct().size() > bestCount) {
      best = Complaint.Category.COMMUNICATION_CONFLICT; // only the agent's wording pointed anywhere
    }
    return best;
  }
}
