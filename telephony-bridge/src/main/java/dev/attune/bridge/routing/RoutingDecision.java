package dev.attune.bridge.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one call goes and why; {@link #variables()} are the channel variables the dialplan reads
 * (see config/asterisk/extensions-attune.conf).
 */
public record RoutingDecision(
    String queue, int priority, String reason, List<String> matched, String agent, int agentSeconds,
    String fallbackQueue, String language, boolean vip) {

  public Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("ROUTE_QUEUE", queue);
    vars.put("QUEUE_PRIO", Integer.toString(priority));
    vars.put("ROUTE_REASON", reason);
    vars.put("ROUTE_MATCHED", String.join(",", matched));
    vars.put("ROUTE_AGENT", agent == null ? "" : agent);
    vars.put("ROUTE_AGENT_TIMEOUT", Integer.toString(agentSeconds));
    vars.put("ROUTE_FALLBACK_QUEUE", fallbackQueue);
    vars.put("ROUTE_LANGUAGE", language == null ? "" : language);
    vars.put("ROUTE_VIP", vip ? "1" : "0");
    return vars;
  }
}
