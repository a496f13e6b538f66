package dev.attune.assist.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Queue figures against targets: the wallboard's colours, the breaches worth an alert, and each alert once. */
class QueueTargetsTest {
  private final QueueTargets targets = new QueueTargets(0.8, 20, 120);

  private static QueueFigures figures(String queue, int offered, double serviceLevel) {
    return new QueueFigures(queue, offered, offered, 0, 0, Map.of(20, (int) Math.round(offered * serviceLevel)),
        Map.of(20, serviceLevel), 0.0, 5.0, 10, SurveyFigures.NONE);
  }

  @Test
  void colorsAreOkAmberNearTheTargetAndRedPastIt() {
    QueueFigures.Now calm = new QueueFigures.Now("support", 1, 30, 2);
    assertThat(targets.status(figures("support", 20, 0.9), calm)).isEqualTo(new QueueTargets.Status("ok", "ok"));
    assertThat(targets.status(figures("support", 20, 0.82), new QueueFigures.Now("support", 1, 100, 2)))
        .isEqualTo(new QueueTargets.Status("amber", "amber"));
    assertThat(targets.status(figures("support", 20, 0.7), new QueueFigures.Now("support", 1, 121, 2)))
        .isEqualTo(new QueueTargets.Status("red", "red"));
    assertThat(targets.status(null, null)).as("a queue with no calls").isEqualTo(new QueueTargets.Status("none", "ok"));
  }

  @Test
  void aBreachNeedsEnoughCallsAndIsAlertedWhenItBeginsAndAgainOnlyAfterItEnded() {
    List<QueueTargets.Breach> quiet = targets.breaches(List.of(figures("sales", 4, 0.25)), List.of());
    assertThat(quiet).as("four calls are too few to breach").isEmpty();

    List<QueueTargets.Breach> both = targets.breaches(List.of(figures("support", 10, 0.5)),
        List.of(new QueueFigures.Now("support", 3, 200, 1)));
    assertThat(both).extracting(QueueTargets.Breach::measure).containsExactly("service-level", "longest-wait");

    QueueTargets.Ongoing ongoing = new QueueTargets.Ongoing();
    assertThat(ongoing.begun(both)).hasSize(2);
    assertThat(ongoing.begun(both)).as("still going on: no second alert").isEmpty();
    assertThat(ongoing.begun(both.subList(0, 1))).isEmpty();
    assertThat(ongoing.begun(both)).as("the wait came back after it had ended")
        .extracting(QueueTargets.Breach::measure).containsExactly("longest-wait");
  }
}
