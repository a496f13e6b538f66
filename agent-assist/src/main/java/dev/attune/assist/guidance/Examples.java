package dev.attune.assist.guidance;

import java.util.List;

/**
 * A category's example sentences for the sentence model: what it means ({@code like}), sentences close to it that
 * are fine ({@code nearMisses}: "none of this is on you" beside the blame examples), and how sure the category's
 * probe ({@link LinearProbe}) must be for an utterance to count ({@code confidence}, per category: some meanings sit
 * closer to everyday speech than others). An utterance counts only if its nearest example is also closer than its
 * nearest near miss.
 */
record Examples(List<String> like, List<String> nearMisses, double confidence) {
  static final Examples NONE = new Examples(List.of(), List.of(), 1);

  Examples {
    like = List.copyOf(like);
    nearMisses = List.copyOf(nearMisses);
  }

  boolean isEmpty() {
    return like.isEmpty();
  }
}
