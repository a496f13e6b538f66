package dev.attune.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.core.metrics.MetricNames;
import dev.attune.core.testing.Fuzz;
import dev.attune.sim.traffic.RecordedTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The AMI frame check on mutated recorded events (every {@code .ami} trace): it never throws; a message it drops is
 * counted exactly once in {@code attune.ami.malformed}, one it passes is not counted and loses none of its own
 * lines; and a message that is plainly AMI (every line {@code Key: Value}, Event or Response first, a bridge event
 * with its bridge id) is never dropped.
 */
class AmiFrameCheckFuzzTest {
  private static final Path TRACES = Path.of(System.getProperty("attune.project.dir"), "testdata", "ami-traces");
  /** What Asterisk itself sends: a header name of letters, digits and dashes, a colon and a space, printable text. */
  private static final Pattern PLAIN_AMI_LINE = Pattern.compile("[A-Za-z0-9-]+: [^\\x00-\\x1f]*");

  @Test
  void mutatedEventsAreDroppedAndCountedOnceOrPassedWhole() throws Exception {
    List<List<String>> recorded = recordedMessages();
    assertThat(recorded).hasSizeGreaterThan(100);
    Fuzz fuzz = Fuzz.forSurface("ami-frame");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AmiFrameCheck check = new AmiFrameCheck(registry, "fuzz");
    int dropped = 0;
    int passed = 0;
    for (int n = 0; n < Fuzz.cases(); n++) {
      List<String> lines = mutate(fuzz, fuzz.pick(recorded));
      double before = malformed(registry);
      List<String> out = check.check(lines);
      double counted = malformed(registry) - before;
      if (out == null) {
        dropped++;
        assertThat(counted).as(fuzz.describe(n) + ": a dropped message is counted once").isEqualTo(1.0);
        assertThat(plainAmi(lines)).as(fuzz.describe(n) + ": plain AMI was dropped: " + lines).isFalse();
      } else {
        passed++;
        assertThat(counted).as(fuzz.describe(n) + ": a passed message is not counted as malformed").isZero();
        assertThat(lines).as(fuzz.describe(n)).containsAll(out);
        assertThat(out).as(fuzz.describe(n) + ": only other channels' variables may be taken out")
            .containsAll(lines.stream().filter(l -> !l.toLowerCase().contains("chanvariable")).toList());
      }
    }
    assertThat(dropped).as("mutations that break AMI").isPositive();
    assertThat(passed).as("mutations that stay AMI").isPositive();
  }

  /** Mutates the message as a text of lines; what reaches the check is split at line ends, without the blank line. */
  private static List<String> mutate(Fuzz fuzz, List<String> message) {
    String text = fuzz.chance(0.5) ? fuzz.mutateLines(String.join("\n", message))
        : fuzz.mutate(String.join("\r\n", message));
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isEmpty()) { // a blank line would end the message in the reader
        lines.add(line);
      }
    }
    return lines.isEmpty() ? List.of(fuzz.mutate("Event")) : lines;
  }

  /** Plain AMI, and an event Asterisk-Java files by a key carries that key once. */
  private static boolean plainAmi(List<String> lines) {
    if (lines.size() > AmiFrameCheck.MAX_HEADERS
        || !(lines.get(0).startsWith("Event: ") || lines.get(0).startsWith("Response: "))
        || !lines.stream().allMatch(l -> PLAIN_AMI_LINE.matcher(l).matches())) {
      return false;
    }
    String key = AmiFrameCheck.KEYED_EVENTS.get(lines.get(0).substring(lines.get(0).indexOf(' ') + 1).toLowerCase());
    return key == null || lines.stream().filter(l -> l.toLowerCase().replace("-", "").startsWith(key + ":")).count() == 1;
  }

  private static List<List<String>> recordedMessages() throws Exception {
    List<Path> traces;
    try (Stream<Path> files = Stream.concat(Files.list(TRACES), Files.list(TRACES.resolve("live")))) {
      traces = files.filter(f -> f.toString().endsWith(".ami")).sorted().toList();
    }
    List<List<String>> messages = new ArrayList<>();
    for (Path trace : traces) {
      for (RecordedTrace.Timed timed : RecordedTrace.load(trace).events()) {
        messages.add(Arrays.stream(timed.event().render().split("\r\n")).filter(l -> !l.isEmpty()).toList());
      }
    }
    return messages;
  }

  private static double malformed(SimpleMeterRegistry registry) {
    return registry.find(MetricNames.AMI_MALFORMED).counters().stream().mapToDouble(Counter::count).sum();
  }
}
