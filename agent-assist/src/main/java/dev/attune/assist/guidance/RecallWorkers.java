package dev.attune.assist.guidance;

import dev.attune.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentence model's own threads: a fixed pool with a bounded queue, so a burst of utterances waits here and not
 * on an event loop. A burst beyond the queue is shed, and so is an utterance that waited longer than
 * {@link #MAX_WAIT} for a worker (a card seconds after the words confuses more than it helps): both counted in
 * {@value MetricNames#RECALL_SHED}, both keep the phrase rules' cards. Nothing waits for a worker.
 */
public final class RecallWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RecallWorkers.class);
  /** The live path's limit: a card seconds after the words confuses more than it helps. */
  static final java.time.Duration MAX_WAIT = java.time.Duration.ofSeconds(1);

  private final ThreadPoolExecutor pool;
  private final Counter shed;
  private final Timer time;
  private final java.util.function.LongSupplier nanos;
  private final AtomicInteger ready = new AtomicInteger();

  public RecallWorkers(int threads, int queueLimit, MeterRegistry registry) {
    this(threads, queueLimit, registry, System::nanoTime);
  }

  /** {@code nanos}: the clock of {@link #MAX_WAIT} (a test's own). */
  RecallWorkers(int threads, int queueLimit, MeterRegistry registry, java.util.function.LongSupplier nanos) {
    this.nanos = nanos;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueLimit),
        r -> {
          Thread t = new Thread(r, "attune-recall-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.shed = Counter.builder(MetricNames.RECALL_SHED)
        .description("utterances the sentence model had no room for; they got the phrase rules only")
        .register(registry);
    this.time = Timer.builder(MetricNames.RECALL_TIME).description("one utterance through the sentence model")
        .publishPercentiles(0.5, 0.99).register(registry);
    Gauge.builder(MetricNames.RECALL_QUEUED, pool, p -> p.getQueue().size())
        .description("utterances waiting for the sentence model").register(registry);
    Gauge.builder(MetricNames.RECALL_READY, ready, AtomicInteger::get)
        .description("1 once the sentence models are loaded and the packs' examples embedded").register(registry);
  }

  /**
   * Loads the models and embeds the packs' examples on a worker (seconds), before the first call needs them:
   * untimed, it is no utterance; {@value MetricNames#RECALL_READY} turns 1 when it is done.
   */
  public void warmUp(Runnable load) {
    pool.execute(() -> {
      long started = System.nanoTime();
      try {
        load.run();
        ready.set(1);
        log.info("sentence models ready in {} ms", (System.nanoTime() - started) / 1_000_000);
      } catch (RuntimeException e) {
        log.error("sentence models could not be loaded: cards come from the phrase rules alone", e);
      }
    });
  }

  /**
   * {@code work} on a worker; an empty list at once if the queue is full (shed), or if the work fails (the rules'
   * cards stand either way, so a model error costs the model's part only).
   */
  public <T> CompletableFuture<List<T>> submit(Supplier<List<T>> work) {
    return submit(work, MAX_WAIT);
  }

  /** As {@link #submit(Supplier)}, for a caller who can wait longer for a worker ({@code analyze}: QA, not live). */
  public <T> CompletableFuture<List<T>> submit(Supplier<List<T>> work, java.time.Duration maxWait) {
    long queued = nanos.getAsLong();
    try {
      return CompletableFuture.supplyAsync(() -> {
        if (nanos.getAsLong() - queued > maxWait.toNanos()) {
          shed.increment();
          return List.<T>of();
        }
        return time.record(work);
      }, pool).exceptionally(e -> {
        log.warn("sentence model failed on an utterance, its rules' cards stand: {}", e.toString());
        return List.of();
      });
    } catch (RejectedExecutionException e) {
      shed.increment();
      return CompletableFuture.completedFuture(List.of());
    }
  }

  /** Utterances shed so far (also the metric). */
  public double shed() {
    return shed.count();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
