package dev.attune.bridge.routing;

import dev.attune.core.calls.CustomerProfile;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Applies {@link RoutingRules} to one caller; pure, so every rule is testable without a PBX. */
public final class RoutingPolicy {
  private RoutingPolicy() {}

  /**
   * @param profile the caller's profile, or null for an unknown number
   * @param promiseAgent the agent with an open promise to this caller, if any
   * @param extension the dialed extension ({@code agi_extension}), for skill queues
   */
  public static RoutingDecision decide(RoutingRules rules, CustomerProfile profile, Optional<String> promiseAgent,
      String extension, ZonedDateTime now) {
    List<String> matched = new ArrayList<>();
    boolean vip = profile != null && profile.vip();
    String language = profile != null ? profile.language() : null;

    // The queue the caller would get without a personal promise: it is also the fallback after the agent's turn.
    String usual = rules.defaultQueue();
    String reason = "default";
    if (extension != null && rules.skillQueues().containsKey(extension)) {
      usual = rules.skillQueues().get(extension);
      reason = "skill";
      matched.add("skill");
    }
    String languageQueue = languageQueue(rules, language);
    if (languageQueue != null) {
      usual = languageQueue;
      reason = "language";
      matched.add("language");
    }
    if (vip) {
      usual = rules.vip().queue();
      reason = "vip";
      matched.add("vip");
    }
    if (profile != null && rules.complaint() != null && profile.complaints() >= rules.complaint().minComplaints()) {
      usual = rules.complaint().queue();
      reason = "complaint";
      matched.add("complaint");
    }
    int priority = vip ? rules.vip().priority() : 0;

    if (!isOpen(rules, now)) {
      matched.add("after-hours");
      return new RoutingDecision(rules.afterHoursQueue(), priority, "after-hours", matched, null, 0,
          rules.afterHoursQueue(), language, vip);
    }
    if (promiseAgent.isPresent() && rules.openPromise() != null) {
      String agent = promiseAgent.get();
      matched.add("open-promise");
      String queue = rules.openPromise().queue().replace("{agent}", agent);
      return new RoutingDecision(queue, Math.max(priority, rules.openPromise().priority()), "open-promise", matched,
          agent, rules.openPromise().agentSeconds(), usual, language, vip);
    }
    return new RoutingDecision(usual, priority, reason, matched, null, 0, usual, language, vip);
  }

  /**
   * The queue for a profile's language: its full tag, else its primary language, so a profile an administrator set to
   * "zh-CN" (or the coach learned as "zh") goes where the rules say "zh".
   */
  static String languageQueue(RoutingRules rules, String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    String tag = language.strip().toLowerCase(java.util.Locale.ROOT);
    String queue = rules.languageQueues().get(tag);
    return queue != null ? queue : rules.languageQueues().get(tag.split("[-_]")[0]);
  }

  static boolean isOpen(RoutingRules rules, ZonedDateTime now) {
    return rules.businessHours() == null || rules.businessHours().isOpen(now);
  }
}
