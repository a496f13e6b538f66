package dev.attune.app;

import dev.attune.core.bus.Bus;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (Debian chromium + chromedriver, headless) against a real node: an agent and a
 * supervisor sign in and see calls appear live, and hostile text from the PBX or a transcript stays text.
 */
class ScreensBrowserTest {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** Would set window.__pwned if any page parsed server text as HTML. */
  private static final String HOSTILE_NAME = "<img src=x onerror=\"window.__pwned=1\">Mallory";
  private static final String HOSTILE_EVIDENCE = "<script>window.__pwned=2</script><b>you</b> <img src=x onerror=\"window.__pwned=3\">";
  private static final Instant NOW = Instant.now();

  private static TestCluster cluster;
  private static AttuneNode node;
  private WebDriver browser;

  @BeforeAll
  static void startNode() throws Exception {
    boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed (scripts/install-test-deps.sh)");
    } else {
      assertThat(installed).as("CI must have chromium and chromium-driver (.ci/apt-packages.d/web.txt)").isTrue();
    }
    cluster = new TestCluster();
    node = cluster.startNode();
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    live.put("pbx:500.1", CallFixtures.stored(
        CallFixtures.answered("pbx:500.1", "+15557777", HOSTILE_NAME, "support", "PJSIP/agent101", NOW)));
    live.put("pbx:501.1", CallFixtures.stored(
        CallFixtures.answered("pbx:501.1", "+15558888", "Other agent's caller", "sales", "PJSIP/agent102", NOW)));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
      deleteProfiles();
    }
  }

  @Test
  void agentSeesOwnCallsLiveAndHostileTextStaysText() throws Exception {
    browser = chromium();
    signIn("ann");
    waitFor(d -> d.getCurrentUrl().endsWith("/agent.html"));
    WebElement first = waitFor(d -> row(d, "#my-calls", "pbx:500.1"));
    assertThat(first.getText()).contains(HOSTILE_NAME).contains("+15557777");
    assertThat(browser.findElements(By.cssSelector("#my-calls tr"))).hasSize(1); // not the other agent's call
    // The customer panel follows the answered call and shows the (hostile) caller name as plain text.
    waitFor(d -> d.findElement(By.id("customer-name")).getText().equals(HOSTILE_NAME));

    LiveCall arriving = CallFixtures.answered("pbx:502.1", "+15559999", "New caller", "support", "PJSIP/agent101", NOW);
    Bus.publish(node.vertx(), Addresses.CALL_EVENTS, CallFixtures.answeredMessage(arriving));
    waitFor(d -> row(d, "#my-calls", "pbx:502.1"));

    Bus.publish(node.vertx(), Addresses.GUIDANCE, new GuidanceItem(
        GuidanceItem.Kind.WORDING, "blame", HOSTILE_EVIDENCE, GuidanceItem.Severity.WARNING, "Do not shift blame",
        "Say what you can do", HOSTILE_EVIDENCE, NOW, "pbx:500.1", "PJSIP/agent101"));
    WebElement card = waitFor(d -> d.findElements(By.cssSelector("#guidance-cards .card")).stream().findFirst().orElse(null));
    assertThat(card.findElement(By.cssSelector(".card-evidence")).getText()).isEqualTo(HOSTILE_EVIDENCE);
    // the title the pack gave (here hostile too, so also escaped), never the rule's id
    assertThat(card.findElement(By.cssSelector(".card-kind")).getText()).isEqualTo(HOSTILE_EVIDENCE.strip());
    assertThat(card.getText()).contains("Do not shift blame").contains("Say what you can do");

    assertThat(browser.findElements(By.cssSelector("#my-calls img, #customer img, #guidance-cards img, #guidance-cards script, #guidance-cards b")))
        .isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    keepScreenshot("agent");
  }

  @Test
  void agentConfirmsAPromiseTheCoachTookFromTheCallAndChangesItsTime() throws Exception {
    browser = chromium();
    signIn("ann");
    waitFor(d -> d.getCurrentUrl().endsWith("/agent.html"));
    waitFor(d -> d.findElement(By.id("link-state")).getText().toLowerCase().contains("live"));
    String ann = new Http(node.httpPort()).login("ann", TestCluster.PASSWORD);
    String said = "I'll call you back tomorrow before 3pm " + HOSTILE_EVIDENCE;
    assertThat(new Http(node.httpPort()).post("/api/calls/pbx:500.1/transcript", ann,
        new JsonObject().put("party", "agent").put("text", said).put("lang", "en").encode()).status()).isEqualTo(202);

    // The list is drawn again whenever one of the promise's frames arrives: every read and click below finds its
    // element afresh inside the wait (a stale one is retried), so no step depends on when a frame lands.
    String id = waitFor(d -> {
      WebElement promise = d.findElement(By.cssSelector("#promises li.proposed"));
      assertThat(promise.getText()).contains("PROPOSED").contains("<script>").contains("+15557777");
      return promise.getAttribute("data-commitment");
    });
    String mine = "#promises li[data-commitment='" + id + "']";
    waitFor(d -> {
      d.findElement(By.cssSelector(mine + ".proposed button.confirm")).click();
      return true;
    });
    waitFor(d -> d.findElement(By.cssSelector(mine + ".open")));
    String newDue = java.time.LocalDate.now().plusDays(30) + "T10:30"; // what the agent types into the picker
    waitFor(d -> {
      if (d.findElements(By.cssSelector(mine + ".open input.due-input")).isEmpty()) {
        d.findElement(By.cssSelector(mine + ".open button.edit")).click();
      }
      WebElement due = d.findElement(By.cssSelector(mine + ".open input.due-input"));
      ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1]", due, newDue);
      d.findElement(By.cssSelector(mine + ".open .promise-edit button")).click();
      return true;
    });
    Instant wanted = java.time.LocalDateTime.parse(newDue).atZone(java.time.ZoneId.systemDefault()).toInstant();
    JsonObject edited = Eventually.await("the edited due time", Duration.ofSeconds(20),
        () -> new Http(node.httpPort()).get("/api/commitments?status=open", ann).array().stream()
            .map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow(),
        c -> Instant.parse(c.getString("dueAt")).equals(wanted));
    assertThat(edited.getString("status")).isEqualTo("OPEN");
    assertThat(edited.getBoolean("dueStated")).isTrue();
    assertThat(browser.findElements(By.cssSelector("#promises img, #promises script, #promises b"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    keepScreenshot("agent-promises");
  }

  @Test
  void theComplaintChecklistTicksFromWhatIsSaidOnTheCall() throws Exception {
    browser = chromium();
    signIn("ann");
    waitFor(d -> d.findElement(By.id("link-state")).getText().toLowerCase().contains("live"));
    Http http = new Http(node.httpPort());
    String ann = http.login("ann", TestCluster.PASSWORD);
    for (String[] line : new String[][] {
        {"customer", "I want to make a complaint, this is the third time the delivery is late."},
        {"agent", "I completely understand how frustrating that must be."},
        {"agent", "Could you tell me your order number?"}}) {
      assertThat(http.post("/api/calls/pbx:500.1/transcript", ann, new JsonObject().put("party", line[0])
          .put("text", line[1]).put("lang", "en").encode()).status()).isEqualTo(202);
    }
    waitFor(d -> d.findElements(By.cssSelector("#checklist li.done[data-step='checklist.empathized']")).stream()
        .findFirst().orElse(null));
    waitFor(d -> d.findElements(By.cssSelector("#checklist li.done[data-step='checklist.asked']")).stream()
        .findFirst().orElse(null));
    assertThat(browser.findElements(By.cssSelector("#checklist li.done[data-step='checklist.confirmed']"))).isEmpty();
    keepScreenshot("agent-checklist");
  }

  @Test
  void supervisorSeesEveryCallLiveOnTheWallboard() throws Exception {
    browser = chromium();
    signIn("sue");
    waitFor(d -> d.getCurrentUrl().endsWith("/supervisor.html"));
    waitFor(d -> row(d, "#all-calls", "pbx:500.1"));
    waitFor(d -> row(d, "#all-calls", "pbx:501.1"));

    LiveCall arriving = CallFixtures.answered("pbx:503.1", "+15550303", "Late caller", "sales", "PJSIP/agent102", NOW);
    Bus.publish(node.vertx(), Addresses.CALL_EVENTS, CallFixtures.answeredMessage(arriving));
    WebElement row = waitFor(d -> row(d, "#all-calls", "pbx:503.1"));
    assertThat(row.getText()).contains("Late caller").contains("PJSIP/agent102");
    WebElement agent = waitFor(d -> d.findElements(By.cssSelector("#agents tr[data-agent='PJSIP/agent101']")).stream()
        .findFirst().orElse(null));
    assertThat(agent.getText()).contains("talking");
    assertThat(browser.findElements(By.cssSelector("#all-calls img"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    keepScreenshot("supervisor");
  }

  @Test
  void wrongPasswordShowsAnErrorAndStaysOnTheLoginPage() {
    browser = chromium();
    browser.get("http://127.0.0.1:" + node.httpPort() + "/");
    browser.findElement(By.id("username")).sendKeys("ann");
    browser.findElement(By.id("password")).sendKeys("not-the-password");
    browser.findElement(By.id("login-button")).click();
    waitFor(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
    assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong username or password");
    assertThat(browser.getCurrentUrl()).doesNotContain("agent.html");
  }

  /** For people reviewing the screens: app/target/screens/*.png (not an assertion). */
  private void keepScreenshot(String name) throws java.io.IOException {
    Path dir = TestCluster.projectDir().resolve("app/target/screens");
    Files.createDirectories(dir);
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  private void signIn(String user) {
    browser.get("http://127.0.0.1:" + node.httpPort() + "/");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(TestCluster.PASSWORD);
    browser.findElement(By.id("login-button")).click();
  }

  private static WebElement row(WebDriver d, String table, String callId) {
    List<WebElement> rows = d.findElements(By.cssSelector(table + " tr[data-call='" + callId + "']"));
    return rows.isEmpty() ? null : rows.get(0);
  }

  private <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
  }

  /** Chromium's throw-away profiles (tens of MB each) must not pile up in /tmp run after run. */
  private static final List<Path> PROFILES = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static void deleteProfiles() {
    for (Path profile : PROFILES) {
      try (java.util.stream.Stream<Path> files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (java.io.IOException e) {
        // best effort: a leftover temp folder is not a test failure
      }
      PROFILES.remove(profile);
    }
  }

  private static WebDriver chromium() {
    try {
      Path profile = Files.createTempDirectory("attune-chromium");
      PROFILES.add(profile);
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
          "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--window-size=1400,900", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
      return new ChromeDriver(service, options);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
