package dev.attune.core.supervision;

import dev.attune.core.bus.SpyRequest;
import java.time.Instant;

/**
 * One time a supervisor listened in, whispered or barged (map {@code MapNames.SUPERVISION}, key {@link #id}, written
 * through): who, from which phone, on whose call, how, when, and whether the PBX took it. Admins read them.
 */
public record SupervisionUse(String id, String supervisor, String device, String callId, String agent,
                             SpyRequest.Mode mode, Instant at, boolean queued, String pbxMessage) {}
