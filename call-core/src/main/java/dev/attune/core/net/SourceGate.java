package dev.attune.core.net;

import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which hosts may open a port only the PBX should use (FastAGI answers routing secrets, AudioSocket takes call
 * audio): addresses or CIDR blocks from {@code <port>.allowFrom}. A refused connection is counted
 * ({@code attune.connections.refused{port}}) and logged once per source address, so a scan cannot flood the log.
 */
public final class SourceGate {
  private static final Logger log = LoggerFactory.getLogger(SourceGate.class);

  private final String key;
  private final List<IpSubnetFilterRule> rules;
  private final Counter refused;
  private final OncePerSource logged = new OncePerSource();

  /** {@code key} is the setting ({@code fastagi.allowFrom}), named in the log; entries must pass {@link #problems}. */
  public SourceGate(String key, List<String> allowFrom, MeterRegistry registry) {
    List<String> problems = problems(allowFrom);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(key + ": " + String.join("; ", problems));
    }
    this.key = key;
    this.rules = allowFrom.stream().map(SourceGate::rule).toList();
    this.refused = Counter.builder(MetricNames.CONNECTIONS_REFUSED).tag("port", key.substring(0, key.indexOf('.')))
        .description("connections refused because the source is not in the port's allowFrom").register(registry);
  }

  /** What is wrong with each entry (an IP address, or one with a {@code /prefix}); empty when all are fine. */
  public static List<String> problems(List<String> allowFrom) {
    List<String> problems = new ArrayList<>();
    if (allowFrom.isEmpty()) {
      problems.add("give at least one address or CIDR block (e.g. 127.0.0.1, 10.1.0.0/16)");
    }
    for (String entry : allowFrom) {
      String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
      int max = NetUtil.isValidIpV4Address(address) ? 32 : NetUtil.isValidIpV6Address(address) ? 128 : -1;
      if (max < 0) {
        problems.add("'" + entry + "' is not an IP address (host names are not allowed: a PBX is named by address)");
        continue;
      }
      if (entry.contains("/")) {
        String prefix = entry.substring(entry.indexOf('/') + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
          problems.add("'" + entry + "': the prefix must be 0.." + max);
        }
      }
    }
    return problems;
  }

  /** True when {@code remote} may connect; otherwise counts and (once per address) logs the refusal. */
  public boolean admits(InetAddress remote) {
    InetSocketAddress source = new InetSocketAddress(remote, 0);
    for (IpSubnetFilterRule rule : rules) {
      if (rule.matches(source)) {
        return true;
      }
    }
    refused.increment();
    String who = remote.getHostAddress();
    if (logged.first(who)) {
      log.warn("refused a connection from {}: not in {} (further ones from there are only counted)", who, key);
    }
    return false;
  }

  /** {@link #admits(InetAddress)} for an address in text form, as Vert.x gives it. */
  public boolean admits(String remoteAddress) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(remoteAddress);
    try {
      return bytes != null && admits(InetAddress.getByAddress(bytes));
    } catch (java.net.UnknownHostException impossible) { // only for a wrong length, which NetUtil never returns
      return false;
    }
  }

  private static IpSubnetFilterRule rule(String entry) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    int prefix = slash < 0 ? (NetUtil.isValidIpV4Address(address) ? 32 : 128) : Integer.parseInt(entry.substring(slash + 1));
    return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
  }
}
