package dev.attune.bridge.routing;

import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.commitments.PhoneNumbers;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.config.LiveConfigFile;
import dev.attune.core.store.MapNames;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AGI(agi://host:4573/route)}: looks the caller up, applies the rules and sets the ROUTE_* variables, then
 * returns at once (the session must not outlive routing: asterisk-java#274). A failing lookup still routes the call,
 * to the default queue.
 */
public final class RouteScript implements AgiScript {
  private static final Logger log = LoggerFactory.getLogger(RouteScript.class);

  private final LiveConfigFile<RoutingRules> rules;
  private final HazelcastInstance hazelcast;
  private final OpenPromiseAgents promises;
  private final Clock clock;
  private final CustomerKeys keys;

  public RouteScript(LiveConfigFile<RoutingRules> rules, HazelcastInstance hazelcast, OpenPromiseAgents promises,
                     CustomerKeys keys, Clock clock) {
    this.keys = keys;
    this.rules = rules;
    this.hazelcast = hazelcast;
    this.promises = promises;
    this.clock = clock;
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    String number = request.getCallerIdNumber();
    RoutingRules current = rules.current();
    CustomerProfile profile = null;
    Optional<String> promiseAgent = Optional.empty();
    if (number != null && !number.isBlank()) {
      try {
        IMap<String, CustomerProfile> customers = hazelcast.getMap(MapNames.CUSTOMERS);
        profile = customers.get(keys.key(number));
        // a profile stored before the center set its country (its digits), or before numbers had one key
        profile = profile != null ? profile : customers.get(PhoneNumbers.digitsKey(number));
        profile = profile != null ? profile : customers.get(number);
        promiseAgent = promises.agentFor(number);
      } catch (RuntimeException e) {
        log.warn("route uniqueid={}: customer lookup failed, routing without it: {}", request.getUniqueId(), e.toString());
      }
    }
    RoutingDecision decision = RoutingPolicy.decide(current, profile, promiseAgent, request.getExtension(),
        ZonedDateTime.now(clock));
    for (Map.Entry<String, String> variable : decision.variables().entrySet()) {
      channel.setVariable(variable.getKey(), variable.getValue());
    }
    log.info("route uniqueid={} queue={} reason={} prio={} agent={}", request.getUniqueId(), decision.queue(),
        decision.reason(), decision.priority(), decision.agent());
  }
}
