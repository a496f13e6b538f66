package dev.attune.bridge.routing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * The routing rules of {@code config/routing.yaml}, already validated. Precedence (first match picks the queue):
 * after hours, open promise, complaint, VIP, language, dialed number (skill), default. VIP raises the priority
 * whatever queue is chosen.
 */
public record RoutingRules(
    String defaultQueue,
    ZoneId zone,
    BusinessHours businessHours,
    String afterHoursQueue,
    Vip vip,
    OpenPromise openPromise,
    Complaint complaint,
    Map<String, String> languageQueues,
    Map<String, String> skillQueues) {

  /** Open on these days from {@code open} (inclusive) to {@code close} (exclusive), in {@link #zone}. */
  public record BusinessHours(LocalTime open, LocalTime close, Set<DayOfWeek> days) {}

  public record Vip(String queue, int priority) {}

  /**
   * A caller with an open callback promise goes to the agent who made it: {@code queue} may name that agent's
   * personal queue with {@code {agent}}; after {@code agentSeconds} the dialplan falls back to the usual queue.
   */
  public record OpenPromise(String queue, int priority, int agentSeconds) {}

  public record Complaint(String queue, int minComplaints) {}
}
