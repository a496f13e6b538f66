package dev.attune.assist.audio;

import dev.attune.core.calls.AudioTap;
import io.vertx.core.Future;
import java.util.UUID;

/** Who a stream's UUID belongs to: the taps the bridge registered before asking the PBX to open them. */
public interface TapDirectory {
  /** The tap, or a succeeded future with {@code null} when nobody registered this UUID. */
  Future<AudioTap> find(UUID uuid);
}
