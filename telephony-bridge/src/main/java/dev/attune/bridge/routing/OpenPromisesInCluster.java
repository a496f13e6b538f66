package dev.attune.bridge.routing;

import com.hazelcast.map.IMap;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.commitments.CommitmentIndex;
import dev.attune.core.commitments.PhoneNumbers;
import java.util.Comparator;
import java.util.Optional;

/**
 * Open promises as agent-assist keeps them in the cluster's commitments map: the agent of the soonest-due live
 * promise to the caller, named as a queue member ({@code PJSIP/agent101} → {@code agent101}), so the routing rules
 * can give that agent the first chance at the call.
 */
public final class OpenPromisesInCluster implements OpenPromiseAgents {
  private final IMap<String, Commitment> commitments;

  public OpenPromisesInCluster(IMap<String, Commitment> commitments) {
    this.commitments = commitments;
  }

  @Override
  public Optional<String> agentFor(String callerNumber) {
    return commitments.values(CommitmentIndex.liveTo(callerNumber)).stream() // indexed: the caller's promises only
        .filter(c -> c.agent() != null && PhoneNumbers.same(c.customerNumber(), callerNumber))
        .min(Comparator.comparing(Commitment::dueAt))
        .map(c -> c.agent().substring(c.agent().indexOf('/') + 1));
  }
}
