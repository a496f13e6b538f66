package dev.attune.assist.guidance;

import dev.attune.core.config.LiveConfigFile;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The rule packs as they are now: the folder is re-read when a pack file is added, removed or changed (checked at
 * most once per {@code checkMillis}, by whoever asks, so no watcher thread is needed). A broken edit is logged with
 * its file:line problems and the last good packs stay in force, so a typo never switches coaching off. New calls
 * pick up the new packs ({@code new CallCoach(id, live.get(), ...)}); {@code new UtteranceRules(live)} reads them on
 * every check.
 */
public final class LiveRulePacks implements Supplier<RulePacks> {
  private final LiveConfigFile<RulePacks> packs;

  /** Loads the packs now; a broken pack at start-up is thrown with every problem listed. */
  public LiveRulePacks(Path dir, long checkMillis) throws GuidanceConfigException {
    this.packs = LiveConfigFile.load("guidance rule packs", dir, checkMillis, RulePacks::load);
  }

  @Override
  public RulePacks get() {
    return packs.current();
  }

  /** Re-reads the folder if a pack changed; true when new packs took effect. */
  public boolean reloadIfChanged() {
    return packs.reloadIfChanged();
  }
}
