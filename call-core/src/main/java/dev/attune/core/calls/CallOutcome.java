package dev.attune.core.calls;

/**
 * How a contact ended. {@code ENDED_DURING_OUTAGE} marks a call that was live when we lost sight of the PBX
 * and was gone when we came back: we never drop such a call silently.
 */
public enum CallOutcome { ANSWERED, ABANDONED, TIMED_OUT, TRANSFERRED, FAILED, ENDED_DURING_OUTAGE }
