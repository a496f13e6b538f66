package dev.attune.bridge.routing;

import java.util.Optional;

/**
 * Who promised this caller a call back and has not kept it yet. The commitments store lives in agent-assist,
 * which the bridge may not depend on; the node wires an implementation over {@code MapNames.COMMITMENTS}.
 */
@FunctionalInterface
public interface OpenPromiseAgents {
  OpenPromiseAgents NONE = number -> Optional.empty();

  /** The agent (as Asterisk names the queue member, e.g. {@code agent1}) with an open promise to this number. */
  Optional<String> agentFor(String callerNumber);
}
