package dev.attune.core.calls;

/**
 * One AudioSocket stream the bridge asked the PBX to open: its UUID (the first frame on the socket) tells the
 * AudioSocket server whose voice it carries.
 */
public record AudioTap(String uuid, String callId, Party party, String agent, String spiedUniqueid) {}
