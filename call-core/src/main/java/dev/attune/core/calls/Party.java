package dev.attune.core.calls;

/** The two voices on a call. */
public enum Party { AGENT, CUSTOMER }
