package dev.attune.core.calls;

/**
 * Whose hang-up came first: the customer's or the agent's own (a SIP BYE from their phone), or the PBX's (a failed
 * {@code Queue()}, the end of the dialplan, a timeout). UNKNOWN when it happened while the bridge could not see.
 */
public enum EndedBy { CUSTOMER, AGENT, PBX, UNKNOWN }
