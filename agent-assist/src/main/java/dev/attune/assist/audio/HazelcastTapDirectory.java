package dev.attune.assist.audio;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.core.calls.AudioTap;
import dev.attune.core.store.MapNames;
import io.vertx.core.Future;
import java.util.UUID;

/** Reads {@link MapNames#AUDIO_TAPS} without blocking the event loop. */
public final class HazelcastTapDirectory implements TapDirectory {
  private final IMap<String, AudioTap> taps;

  public HazelcastTapDirectory(HazelcastInstance hazelcast) {
    this.taps = hazelcast.getMap(MapNames.AUDIO_TAPS);
  }

  @Override
  public Future<AudioTap> find(UUID uuid) {
    return Future.fromCompletionStage(taps.getAsync(uuid.toString()));
  }
}
