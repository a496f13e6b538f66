package dev.attune.assist.guidance;

import dev.attune.core.calls.Party;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The sentence model as the live path uses it: every check on {@link RecallWorkers}, so a caller on an event loop
 * or the coaching worker only ever gets a future, and an overloaded model answers "nothing more" at once.
 */
public final class LiveRecall {
  private final SemanticRecall model;
  private final RecallWorkers workers;

  public LiveRecall(SemanticRecall model, RecallWorkers workers) {
    this.model = model;
    this.workers = workers;
  }

  /** What the model adds to one call's segment, for {@link CallCoach#onRecalled}. */
  public CompletableFuture<Recalled> segment(String text, Party party, String lang) {
    return workers.submit(() -> model.hits(text, party, lang)).thenApply(Recalled::new);
  }

  /**
   * What the model adds to one utterance as findings (the analyze API: QA of chats and e-mails, where an answer a
   * few seconds late, for example while the models load, beats one without the model).
   */
  public CompletableFuture<List<Finding>> findings(String text, Party party, String lang) {
    return workers.submit(() -> model.findings(text, party, lang), ANALYZE_WAIT);
  }

  static final java.time.Duration ANALYZE_WAIT = java.time.Duration.ofSeconds(30);

  /** The model's hits on one segment; opaque outside this package, where only {@link CallCoach} reads them. */
  public static final class Recalled {
    final List<UtteranceRules.Hit> hits;

    Recalled(List<UtteranceRules.Hit> hits) {
      this.hits = hits;
    }

    public boolean isEmpty() {
      return hits.isEmpty();
    }
  }
}
