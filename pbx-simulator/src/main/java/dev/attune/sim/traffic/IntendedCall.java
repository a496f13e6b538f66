package dev.attune.sim.traffic;

/**
 * What the generator meant one call to be: the oracle a bridge's records are checked against.
 * Times are whole seconds of PBX time; {@code agent} is the interface that answered (null if none).
 */
public record IntendedCall(String callId, String caller, String outcome, String queue, String agent, String endedBy,
                           long waitSeconds, long talkSeconds, long holdSeconds, int transfers) {}
