package dev.attune.assist.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecallWorkersTest {
  @Test
  void workBeyondTheQueueIsShedAndCountedAtOnceWhileQueuedWorkStillRuns() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (RecallWorkers workers = new RecallWorkers(1, 1, registry)) {
      CompletableFuture<List<String>> running = workers.submit(() -> {
        started.countDown();
        await(release);
        return List.of("first");
      });
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue(); // the one worker is busy
      CompletableFuture<List<String>> queued = workers.submit(() -> List.of("second"));
      CompletableFuture<List<String>> shed = workers.submit(() -> List.of("third"));

      assertThat(shed).isCompletedWithValue(List.of());
      assertThat(workers.shed()).isEqualTo(1);
      assertThat(registry.get("attune.guidance.recall.shed").counter().count()).isEqualTo(1);
      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS)).containsExactly("first");
      assertThat(queued.get(30, TimeUnit.SECONDS)).containsExactly("second");
    }
  }

  @Test
  void theWarmUpIsNoTimedUtteranceAndReadyTellsWhenItIsDone() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CountDownLatch release = new CountDownLatch(1);
    try (RecallWorkers workers = new RecallWorkers(1, 4, registry)) {
      workers.warmUp(() -> await(release));
      assertThat(registry.get("attune.guidance.recall.ready").gauge().value()).as("loading").isZero();
      release.countDown();
      workers.submit(() -> List.of("after")).get(30, TimeUnit.SECONDS); // one worker: the warm-up ran before it
      assertThat(registry.get("attune.guidance.recall.ready").gauge().value()).isEqualTo(1);
      assertThat(registry.get("attune.guidance.recall.time").timer().count()).as("the utterance only").isEqualTo(1);
    }
    try (RecallWorkers failing = new RecallWorkers(1, 4, registry = new SimpleMeterRegistry())) {
      failing.warmUp(() -> {
        throw new IllegalStateException("no model file");
      });
      failing.submit(() -> List.of("after")).get(30, TimeUnit.SECONDS);
      assertThat(registry.get("attune.guidance.recall.ready").gauge().value()).as("never loaded").isZero();
    }
  }

  @Test
  void workThatWaitedLongerThanASecondForAWorkerIsShedNotRun() throws Exception {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean ranLate = new java.util.concurrent.atomic.AtomicBoolean();
    try (RecallWorkers workers = new RecallWorkers(1, 4, new SimpleMeterRegistry(), now::get)) {
      workers.submit(() -> {
        started.countDown();
        await(release);
        return List.of("first");
      });
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<List<String>> late = workers.submit(() -> {
        ranLate.set(true);
        return List.of("late");
      });
      now.addAndGet(RecallWorkers.MAX_WAIT.plusMillis(1).toNanos()); // it waits behind the first
      release.countDown();
      assertThat(late.get(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(ranLate).isFalse();
      assertThat(workers.shed()).isEqualTo(1);
    }
  }

  @Test
  void aFailingModelCostsOnlyItsOwnPart() throws Exception {
    try (RecallWorkers workers = new RecallWorkers(1, 4, new SimpleMeterRegistry())) {
      CompletableFuture<List<String>> failed = workers.submit(() -> {
        throw new IllegalStateException("model gone");
      });
      assertThat(failed.get(30, TimeUnit.SECONDS)).isEmpty();
      assertThat(workers.shed()).isZero();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
