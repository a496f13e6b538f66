package dev.attune.core.calls;

/** Where a live call is now. */
public enum CallState { OFFERED, QUEUED, RINGING, ANSWERED, HELD, TRANSFERRING, DIALING, ENDED }
