package dev.attune.assist.commitments;

import dev.attune.core.calendar.BusinessCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromiseDeadlineParserTest {

  static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0),
      LocalTime.of(18, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());

  record Fixture(int line, String text, String lang, ZonedDateTime at, String weekday, ZonedDateTime due,
                 boolean stated, ZoneId center) {}

  static List<Fixture> fixtures() throws IOException {
    return fixtures("/commitments/deadlines.psv");
  }

  /** The fixtures of one file; a {@code # center: <zone>} line sets the center's zone for the lines after it. */
  static List<Fixture> fixtures(String resource) throws IOException {
    List<Fixture> out = new ArrayList<>();
    ZoneId center = SHANGHAI.zone();
    try (InputStream in = PromiseDeadlineParserTest.class.getResourceAsStream(resource)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.startsWith("# center:")) {
          center = ZoneId.of(l.substring("# center:".length()).strip());
        }
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\\s*\\|\\s*");
        out.add(new Fixture(i + 1, f[0], f[1], ZonedDateTime.parse(f[2]), f[3], ZonedDateTime.parse(f[4]),
            Boolean.parseBoolean(f[5]), center));
      }
    }
    return out;
  }

  /** Every fixture the parser gets wrong, one line each, with what it matched. */
  private static List<String> misses(List<Fixture> fixtures) {
    List<String> misses = new ArrayList<>();
    for (Fixture f : fixtures) {
      assertThat(f.at().getDayOfWeek().name()).as("weekday column, line %d", f.line()).startsWith(f.weekday());
      BusinessCalendar calendar = new BusinessCalendar(f.center(), LocalTime.of(9, 0), LocalTime.of(18, 0),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
      Deadline d = new PromiseDeadlineParser(calendar, Duration.ofHours(24)).parse(f.text(), f.lang(), f.at());
      if (!d.due().toOffsetDateTime().equals(f.due().toOffsetDateTime()) || d.stated() != f.stated()) {
        misses.add("line " + f.line() + " [" + f.text() + "] at " + f.at() + ": expected " + f.due() + " stated="
            + f.stated() + ", got " + d.due().toOffsetDateTime() + " stated=" + d.stated() + " (" + d.matched() + ")");
      }
    }
    return misses;
  }

  @Test
  void everyFixtureDeadlineIsParsedToTheExpectedMomentAndStatedness() throws IOException {
    List<Fixture> fixtures = fixtures();
    List<String> misses = misses(fixtures);
    System.out.println("deadline fixtures: " + (fixtures.size() - misses.size()) + "/" + fixtures.size() + " pass");
    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(120);
    assertThat(misses).as("deadline fixture misses").isEmpty();
  }

  /**
   * Issue 13's grammar: absolute dates, clock phrases, "within the next N", "hear from me", promises to send, the
   * clause that promises, vague and conditional times; six moments including a DST change in a second center zone.
   */
  @Test
  void everyGrammarFixtureIsParsedRightAtSixMomentsInTwoZones() throws IOException {
    List<Fixture> fixtures = fixtures("/commitments/deadlines-grammar.psv");
    List<String> misses = misses(fixtures);
    System.out.println("deadline grammar fixtures: " + (fixtures.size() - misses.size()) + "/" + fixtures.size()
        + " pass");
    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(200);
    assertThat(fixtures).extracting(Fixture::lang).contains("en", "zh");
    assertThat(misses).as("deadline grammar misses").isEmpty();
  }

  /**
   * The same fixtures as an agent says them on a call: where the promise detector takes the sentence as a promise,
   * the promise it records is due when the fixture says (its clause choice must not undo the grammar's).
   */
  @Test
  void aDetectedPromiseGetsTheGrammarFixturesDeadline() throws IOException {
    List<String> misses = new ArrayList<>();
    int detected = 0;
    for (Fixture f : fixtures("/commitments/deadlines-grammar.psv")) {
      BusinessCalendar calendar = new BusinessCalendar(f.center(), LocalTime.of(9, 0), LocalTime.of(18, 0),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
      var promises = new FollowUpPromiseDetector(new PromiseDeadlineParser(calendar, Duration.ofHours(24)))
          .detect(f.text(), dev.attune.core.calls.Party.AGENT, f.lang(), f.at());
      if (promises.size() == 1) {
        detected++;
        Deadline d = promises.get(0).deadline();
        if (!d.due().toOffsetDateTime().equals(f.due().toOffsetDateTime()) || d.stated() != f.stated()) {
          misses.add("line " + f.line() + " [" + f.text() + "]: expected " + f.due() + " stated=" + f.stated()
              + ", got " + d.due().toOffsetDateTime() + " stated=" + d.stated() + " (" + d.matched() + ")");
        }
      }
    }
    System.out.println("grammar fixtures taken as promises: " + detected);
    assertThat(detected).as("fixtures the detector takes as promises").isGreaterThan(100);
    assertThat(misses).as("detected promises with another deadline").isEmpty();
  }

  @Test
  void businessDaysSkipHolidaysToo() {
    LocalDate newYear = LocalDate.of(2027, 1, 1);
    BusinessCalendar withHoliday = new BusinessCalendar(SHANGHAI.zone(), SHANGHAI.openAt(), SHANGHAI.closeAt(),
        SHANGHAI.businessDays(), Set.of(newYear));
    PromiseDeadlineParser parser = new PromiseDeadlineParser(withHoliday, Duration.ofHours(24));
    ZonedDateTime nye = ZonedDateTime.parse("2026-12-31T14:00:00+08:00");
    assertThat(parser.parse("within 2 business days", "en", nye).due().toLocalDate())
        .isEqualTo(LocalDate.of(2027, 1, 5));
  }

  @Test
  void theCallMomentInAnotherZoneIsReadInTheCentersZone() {
    PromiseDeadlineParser parser = new PromiseDeadlineParser(SHANGHAI, Duration.ofHours(24));
    ZonedDateTime utc = ZonedDateTime.parse("2026-11-23T02:00:00Z");   // 10:00 in Shanghai
    assertThat(parser.parse("by end of day", "en", utc).due().toOffsetDateTime().toString())
        .isEqualTo("2026-11-23T18:00+08:00");
  }
}
