package dev.attune.bridge.routing;

import dev.attune.core.calendar.BusinessCalendar;
import java.util.Map;

/**
 * The routing rules of {@code config/routing.yaml}, already validated. Precedence (first match picks the queue):
 * after hours, open promise, complaint, VIP, language, dialed number (skill), default. VIP raises the priority
 * whatever queue is chosen. {@code businessHours} (null: always open) is a calendar in the zone the file names.
 */
public record RoutingRules(
    String defaultQueue,
    BusinessCalendar businessHours,
    String afterHoursQueue,
    Vip vip,
    OpenPromise openPromise,
    Complaint complaint,
    Map<String, String> languageQueues,
    Map<String, String> skillQueues) {

  public record Vip(String queue, int priority) {}

  /**
   * A caller with an open callback promise goes to the agent who made it: {@code queue} may name that agent's
   * personal queue with {@code {agent}}; after {@code agentSeconds} the dialplan falls back to the usual queue.
   */
  public record OpenPromise(String queue, int priority, int agentSeconds) {}

  public record Complaint(String queue, int minComplaints) {}
}
