package dev.attune.assist.coaching;

import dev.attune.assist.guidance.GuidanceConfigException;
import dev.attune.assist.guidance.LiveRulePacks;
import dev.attune.assist.guidance.RulePacks;
import dev.attune.assist.guidance.UtteranceRules;
import java.nio.file.Path;

/**
 * The rule packs of {@code assist.guidanceDir} as they are now: an edited pack takes effect within a couple of
 * seconds (calls in progress keep the pack they started with, new calls and analyze requests get the new one); a
 * broken edit is logged with file and line and the last good packs stay in force.
 */
public final class GuidanceRules {
  private static final long CHECK_MILLIS = 2000;

  private final LiveRulePacks packs;
  private final UtteranceRules utterances;

  private GuidanceRules(LiveRulePacks packs) {
    this.packs = packs;
    this.utterances = new UtteranceRules(packs);
  }

  /** Loads the packs now; a broken pack at start-up stops the node with every problem listed. */
  public static GuidanceRules load(Path dir) throws GuidanceConfigException {
    return new GuidanceRules(new LiveRulePacks(dir, CHECK_MILLIS));
  }

  public RulePacks packs() {
    return packs.get();
  }

  /** The stateless checker; it reads the current packs on every check. */
  public UtteranceRules utterances() {
    return utterances;
  }
}
