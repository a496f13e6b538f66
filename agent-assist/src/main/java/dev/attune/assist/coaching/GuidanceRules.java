package dev.attune.assist.coaching;

import dev.attune.assist.guidance.GuidanceConfigException;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.assist.guidance.UtteranceRules;
import dev.attune.core.config.LiveConfigFile;
import java.nio.file.Path;

/**
 * The rule packs of {@code assist.guidanceDir} as they are now: an edited pack takes effect within a couple of
 * seconds (calls in progress keep the pack they started with, new calls and analyze requests get the new one); a
 * broken edit is logged with file and line and the last good packs stay in force.
 */
public final class GuidanceRules {
  private static final long CHECK_MILLIS = 2000;

  private final LiveConfigFile<RulePacks> packs;
  private RulePacks builtFrom;
  private UtteranceRules utterances;

  private GuidanceRules(LiveConfigFile<RulePacks> packs) {
    this.packs = packs;
  }

  /** Loads the packs now; a broken pack at start-up stops the node with every problem listed. */
  public static GuidanceRules load(Path dir) throws GuidanceConfigException {
    return new GuidanceRules(LiveConfigFile.load("guidance rule packs", dir, CHECK_MILLIS, RulePacks::load));
  }

  public RulePacks packs() {
    return packs.current();
  }

  /** The stateless checker over the current packs (rebuilt only when the packs change). */
  public synchronized UtteranceRules utterances() {
    RulePacks now = packs.current();
    if (now != builtFrom) {
      utterances = new UtteranceRules(now);
      builtFrom = now;
    }
    return utterances;
  }
}
