package dev.attune.assist.guidance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checklist state of one call. Step cues heard before the complaint is recognised are kept and ticked the
 * moment it is (the agent may empathise before the ASR delivers the customer's complaint words); a step that
 * needs another ("confirmed" needs "offered") only ticks after it.
 */
final class ComplaintChecklist {
  private boolean complaint;
  private String evidence;
  private Instant detectedAt;
  private final Map<String, Checklist.Step> ticked = new LinkedHashMap<>();
  private final List<Pending> pending = new ArrayList<>();

  /** A step cue heard before the complaint was recognised. */
  private record Pending(CategoryRule rule, String evidence, Instant at) {}

  boolean isComplaint() {
    return complaint;
  }

  Instant detectedAt() {
    return detectedAt;
  }

  boolean isTicked(String category) {
    return ticked.containsKey(category);
  }

  /** Marks the call as a complaint; returns the steps that were waiting and now tick (in order heard). */
  List<Checklist.Step> detect(String evidence, Instant at) {
    if (complaint) {
      return List.of();
    }
    complaint = true;
    this.evidence = evidence;
    detectedAt = at;
    List<Checklist.Step> now = new ArrayList<>();
    for (Pending p : pending) {
      Checklist.Step step = tick(p.rule(), p.evidence(), p.at());
      if (step != null) {
        now.add(step);
      }
    }
    pending.clear();
    return now;
  }

  /** A step cue: the step if it ticks now; null if already ticked, waiting for detection, or its prerequisite. */
  Checklist.Step cue(CategoryRule rule, String evidence, Instant at) {
    if (!complaint) {
      if (rule.requires() == null || pending.stream().anyMatch(p -> p.rule().name().equals(rule.requires()))) {
        pending.add(new Pending(rule, evidence, at));
      }
      return null;
    }
    return tick(rule, evidence, at);
  }

  private Checklist.Step tick(CategoryRule rule, String evidence, Instant at) {
    if (ticked.containsKey(rule.name()) || rule.requires() != null && !ticked.containsKey(rule.requires())) {
      return null;
    }
    Checklist.Step step = new Checklist.Step(stepName(rule.name()), rule.name(), true, evidence, at);
    ticked.put(rule.name(), step);
    return step;
  }

  Checklist snapshot() {
    List<Checklist.Step> steps = new ArrayList<>();
    for (String name : Checklist.STEPS) {
      Checklist.Step done = ticked.get("checklist." + name);
      steps.add(done != null ? done : new Checklist.Step(name, "checklist." + name, false, null, null));
    }
    return new Checklist(complaint, evidence, detectedAt, List.copyOf(steps));
  }

  private static String stepName(String category) {
    return category.substring(category.indexOf('.') + 1);
  }
}
