package dev.attune.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Alert;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.GuidanceItem;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.LiveCall;
import dev.attune.core.store.MapNames;
import dev.attune.sim.ami.AmiMessage;
import dev.attune.sim.traffic.ScriptedCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
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
  /** A second node, on the built-in PBX (real AMI), for what needs the PBX to act: listening in, pausing. */
  private static BuiltInPbxNode pbx;
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
    pbx = BuiltInPbxNode.start();
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    live.put("pbx:500.1", CallFixtures.stored(
        CallFixtures.answered("pbx:500.1", "+15557777", HOSTILE_NAME, "support", "PJSIP/agent101", NOW)));
    live.put("pbx:501.1", CallFixtures.stored(
        CallFixtures.answered("pbx:501.1", "+15558888", "Other agent's caller", "sales", "PJSIP/agent102", NOW)));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (pbx != null) {
      pbx.close();
    }
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
    assertThat(textOf("#my-calls tr[data-call='pbx:500.1']")).contains(HOSTILE_NAME).contains("+15557777");
    assertThat(browser.findElements(By.cssSelector("#my-calls tr"))).hasSize(1); // not the other agent's call
    // The customer panel follows the answered call and shows the (hostile) caller name as plain text.
    waitFor(d -> d.findElement(By.id("customer-name")).getText().equals(HOSTILE_NAME));

    Bus.publish(node.vertx(), Addresses.GUIDANCE, new GuidanceItem(
        GuidanceItem.Kind.WORDING, "blame", HOSTILE_EVIDENCE, GuidanceItem.Severity.WARNING, "Do not shift blame",
        "Say what you can do", HOSTILE_EVIDENCE, NOW, "pbx:500.1", "PJSIP/agent101", "card-hostile"));
    // (the call's cards from the other tests come back from the server too: this test reads its own;
    // the list is redrawn when the call's kept cards come back from the server: every read finds its element afresh)
    String hostile = "#guidance-cards .card[data-card='card-hostile']";
    assertThat(textOf(hostile + " .card-evidence")).isEqualTo(HOSTILE_EVIDENCE);
    // the title the pack gave (here hostile too, so also escaped), never the rule's id
    assertThat(textOf(hostile + " .card-kind")).isEqualTo(HOSTILE_EVIDENCE.strip());
    assertThat(textOf(hostile)).contains("Do not shift blame").contains("Say what you can do");
    assertThat(browser.findElements(By.cssSelector("#my-calls img, #customer img, #guidance-cards img, #guidance-cards script, #guidance-cards b")))
        .isEmpty();

    // The next call starts clean: the last caller's cards fold into the earlier calls, still there to read.
    LiveCall arriving = CallFixtures.answered("pbx:502.1", "+15559999", "New caller", "support", "PJSIP/agent101",
        NOW.plusSeconds(5));
    Bus.publish(node.vertx(), Addresses.CALL_EVENTS, CallFixtures.answeredMessage(arriving));
    waitFor(d -> row(d, "#my-calls", "pbx:502.1"));
    waitFor(d -> d.findElement(By.id("customer-name")).getText().equals("New caller"));
    waitFor(d -> d.findElements(By.cssSelector("#guidance-cards .card")).isEmpty());
    assertThat(browser.findElement(By.id("no-guidance")).isDisplayed()).isTrue();
    WebElement earlier = waitFor(d -> d.findElement(By.cssSelector("#earlier-list details[data-call='pbx:500.1']")));
    assertThat(earlier.findElement(By.cssSelector(".card[data-card='card-hostile'] .card-evidence"))
        .getAttribute("textContent")).isEqualTo(HOSTILE_EVIDENCE);
    Bus.publish(node.vertx(), Addresses.GUIDANCE, new GuidanceItem(
        GuidanceItem.Kind.PACE, "agent_too_fast", "Slow down", GuidanceItem.Severity.INFO, "You are speaking fast",
        "Pause after each point", null, NOW, "pbx:502.1", "PJSIP/agent101", "card-pace-502"));
    WebElement mine = waitFor(d -> d.findElements(By.cssSelector("#guidance-cards .card")).stream().findFirst().orElse(null));
    assertThat(mine.getAttribute("data-call")).isEqualTo("pbx:502.1");
    assertThat(browser.findElements(By.cssSelector("#guidance-cards .card"))).hasSize(1);

    assertThat(browser.findElements(By.cssSelector("#earlier-list img, #earlier-list script, #earlier-list b"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    keepScreenshot("agent");
  }

  /**
   * A call in each language on a screen set to it. With ten cards on screen the customer panel is still in view and
   * the page does not scroll. In Chinese every label, state and date is Chinese: what is left once the calls' own
   * data is taken out has no Latin word, and the page says so in its lang.
   */
  @ParameterizedTest
  @ValueSource(strings = {"en", "zh"})
  void tenCardsLeaveTheCustomerInViewAndAChineseScreenShowsNoEnglish(String language) throws Exception {
    boolean zh = language.equals("zh");
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    String callId = zh ? "pbx:600.1" : "pbx:601.1";
    String name = zh ? "王女士" : "Ms Wang";
    String number = zh ? "+8613900001111" : "+15550601";
    live.put(callId, CallFixtures.stored(CallFixtures.answered(callId, number, name, "support", "PJSIP/agent101",
        NOW.plusSeconds(10))));
    try {
      browser = chromium();
      browser.get("http://127.0.0.1:" + node.httpPort() + "/");
      if (zh) {
        browser.findElement(By.id("lang-switch")).click(); // the choice is kept in this browser
        waitFor(d -> d.findElement(By.id("login-button")).getText().equals("登录"));
      }
      signIn("ann");
      waitFor(d -> d.findElement(By.id("customer-name")).getText().equals(name));
      Http http = new Http(node.httpPort());
      String ann = http.login("ann", TestCluster.PASSWORD);
      String[][] said = zh ? new String[][] {
          {"customer", "我要投诉，你们的快递又晚了三天！"},
          {"agent", "这不是我们的问题，是快递公司的责任。"},
          {"agent", "我帮您催一下，明天下午三点前给您回电。"}} : new String[][] {
          {"customer", "I want to make a complaint, the parcel is three days late again!"},
          {"agent", "That's not my department, it's the courier's fault."},
          {"agent", "I'll chase it and call you back tomorrow before 3pm."}};
      for (String[] line : said) {
        assertThat(http.post("/api/calls/" + callId + "/transcript", ann, new JsonObject().put("party", line[0])
            .put("text", line[1]).put("lang", language).encode()).status()).isEqualTo(202);
      }
      waitFor(d -> d.findElements(By.cssSelector("#promises li.proposed")).stream()
          .filter(li -> li.getText().contains(said[2][1])).findFirst().orElse(null));
      int coached = waitFor(d -> {
        int n = d.findElements(By.cssSelector("#guidance-cards .card")).size();
        return n >= 2 ? n : null;
      });
      for (int i = coached; i < 10; i++) {
        Bus.publish(node.vertx(), Addresses.GUIDANCE, new GuidanceItem(GuidanceItem.Kind.PACE, "agent_too_fast",
            zh ? "语速偏快" : "Speaking fast", GuidanceItem.Severity.INFO,
            zh ? "您的语速比客户快很多（第" + i + "次提示）。" : "You are much faster than the customer (" + i + ").",
            zh ? "放慢语速，每说完一点停一下。" : "Slow down and pause after each point.", null, NOW, callId, "PJSIP/agent101", callId + "-pace-" + i));
      }
      waitFor(d -> d.findElements(By.cssSelector("#guidance-cards .card")).size() >= 10);
      JavascriptExecutor js = (JavascriptExecutor) browser;
      assertThat((List<?>) js.executeScript(
          "return [...document.querySelectorAll('#guidance-cards .card')].map(c => c.dataset.call)"))
          .isNotEmpty().allSatisfy(call -> assertThat(call).isEqualTo(callId));
      assertThat(js.executeScript("return document.documentElement.lang")).isEqualTo(zh ? "zh-CN" : "en-GB");
      if (zh) {
        // read in one script, so a redraw between two reads cannot come between them
        @SuppressWarnings("unchecked")
        List<String> page = (List<String>) js.executeScript("return [document.body.innerText].concat([...document"
            + ".querySelectorAll('.card-evidence, .promise-head strong, #live-transcript .heard')].map(e => e.innerText))");
        String shown = page.get(0);
        for (String spoken : page.subList(1, page.size())) {
          shown = shown.replace(spoken, " "); // what was said on calls, in whichever language it was said
        }
        // The calls' own data (numbers, names, queue and device names) is the center's, not a label.
        for (String data : List.of(HOSTILE_NAME, "王女士", "Ms Wang", number, "+15550601", "+15557777", "support", "PJSIP/agent101", "ann",
            "Attune", "VIP", "English" /* the language switch names the other language in itself */)) {
          shown = shown.replace(data, " ");
        }
        assertThat(java.util.regex.Pattern.compile("\\b[A-Za-z]{2,}\\b").matcher(shown).results()
            .map(java.util.regex.MatchResult::group).toList()).as(shown).isEmpty();
      }

      Long viewport = (Long) js.executeScript("return window.innerHeight");
      Long customerBottom = (Long) js.executeScript(
          "return Math.ceil(document.querySelector('.customer-panel').getBoundingClientRect().bottom)");
      assertThat(browser.findElement(By.id("customer")).isDisplayed()).isTrue();
      assertThat(customerBottom).isLessThanOrEqualTo(viewport);
      assertThat((Long) js.executeScript("return document.documentElement.scrollHeight")).isLessThanOrEqualTo(viewport);
      keepScreenshot("agent-" + language + "-10-cards");
    } finally {
      live.remove(callId); // the other tests count ann's calls
    }
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
    String id = waitFor(d -> d.findElements(By.cssSelector("#promises li.proposed")).stream()
        .filter(li -> li.getText().contains("<script>")).findFirst().map(promise -> {
          assertThat(promise.getText()).contains("proposed").contains("+15557777");
          return promise.getAttribute("data-commitment");
        }).orElse(null));
    String mine = "#promises li[data-commitment='" + id + "']";
    assertThat(browser.findElements(By.cssSelector(mine + ".proposed button.callback"))).isEmpty();
    waitFor(d -> {
      d.findElement(By.cssSelector(mine + ".proposed button.confirm")).click();
      return true;
    });
    waitFor(d -> d.findElement(By.cssSelector(mine + ".open")));
    // Calling back is offered once the promise is agreed, not before (the API refuses it on a proposed one).
    waitFor(d -> d.findElement(By.cssSelector(mine + ".open button.callback")));
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

  /**
   * The feedback loop: the agent marks one card wrong and puts another away; both verdicts are kept (a reload shows
   * them again) and the admin's feedback page counts them, with the wrong card's utterance and its matched words.
   */
  @Test
  void verdictsOnCardsSurviveAReloadAndTheAdminsFeedbackPageCountsThem() throws Exception {
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    String callId = "pbx:700.1";
    live.put(callId, CallFixtures.stored(CallFixtures.answered(callId, "+15550700", "Mr Verdict", "support",
        "PJSIP/agent101", NOW.plusSeconds(20))));
    try {
      browser = chromium();
      signIn("ann");
      waitFor(d -> d.findElement(By.id("customer-name")).getText().equals("Mr Verdict"));
      Http http = new Http(node.httpPort());
      String ann = http.login("ann", TestCluster.PASSWORD);
      for (String text : List.of("That's not my department.", "Sir, please calm down.")) {
        assertThat(http.post("/api/calls/" + callId + "/transcript", ann, new JsonObject().put("party", "agent")
            .put("text", text).put("lang", "en").encode()).status()).isEqualTo(202);
      }
      String blame = "#guidance-cards .card[data-category='blame']";
      String calm = "#guidance-cards .card[data-category='calm_down']";
      waitFor(d -> d.findElement(By.cssSelector(calm)));
      waitFor(d -> {
        d.findElement(By.cssSelector(blame + " button.verdict.wrong")).click();
        return true;
      });
      waitFor(d -> "true".equals(d.findElement(By.cssSelector(blame + " button.verdict.wrong")).getAttribute("aria-pressed")));
      WebElement dismiss = browser.findElement(By.cssSelector(calm + " button.verdict.dismissed"));
      dismiss.click();
      waitFor(d -> d.findElements(By.cssSelector(calm)).isEmpty());

      browser.navigate().refresh(); // the cards come back from the server, verdicts and all
      waitFor(d -> "true".equals(d.findElement(By.cssSelector(blame + " button.verdict.wrong")).getAttribute("aria-pressed")));
      assertThat(browser.findElements(By.cssSelector(calm))).isEmpty();
      assertThat(browser.findElement(By.cssSelector(blame)).getAttribute("data-call")).isEqualTo(callId);

      String ada = http.login("ada", TestCluster.PASSWORD);
      JsonObject report = http.get("/api/guidance/feedback?days=30", ada).json();
      JsonObject blameCounts = category(report, "blame");
      assertThat(blameCounts.getInteger("wrong")).isEqualTo(1);
      assertThat(category(report, "calm_down").getInteger("dismissed")).isEqualTo(1);
      assertThat(http.get("/metrics", null).body())
          .containsPattern("attune_guidance_feedback_total\\{[^}]*category=\"blame\"[^}]*verdict=\"wrong\"[^}]*} 1\\.0");

      browser.findElement(By.id("logout")).click();
      waitFor(d -> d.findElement(By.id("login-button")));
      signIn("ada");
      waitFor(d -> d.findElement(By.id("feedback-link")).isDisplayed());
      browser.findElement(By.id("feedback-link")).click();
      WebElement row = waitFor(d -> d.findElement(By.cssSelector("#categories tr[data-category='blame']")));
      assertThat(row.findElement(By.cssSelector(".shown")).getText()).isEqualTo(String.valueOf(blameCounts.getInteger("shown")));
      assertThat(row.findElement(By.cssSelector(".wrong")).getText()).isEqualTo("1");
      assertThat(browser.findElement(By.cssSelector("#categories tr[data-category='calm_down'] .dismissed")).getText())
          .isEqualTo("1");
      WebElement examples = browser.findElement(By.cssSelector("#categories tr[data-examples='blame']"));
      examples.findElement(By.cssSelector("summary")).click();
      assertThat(examples.findElement(By.cssSelector("li")).getText()).contains("That's not my department.");
      assertThat(examples.findElement(By.cssSelector("mark")).getText()).isEqualToIgnoringCase("not my department");
      keepScreenshot("admin-feedback");
    } finally {
      live.remove(callId);
    }
  }

  private static JsonObject category(JsonObject report, String name) {
    return report.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .filter(c -> name.equals(c.getString("category"))).findFirst().orElseThrow();
  }

  /** The call's own panel: both voices' figures about once a second, and what was said with the card's words marked. */
  @Test
  void theCallsPanelShowsItsVoicesAndWhatWasSaidWithTheMatchedWordsMarked() throws Exception {
    IMap<Object, Object> live = node.hazelcast().getMap(MapNames.LIVE_CALLS);
    String callId = "pbx:710.1";
    LiveCall call = CallFixtures.answered(callId, "+15550710", "Ms Meter", "support", "PJSIP/agent101", NOW.plusSeconds(30));
    live.put(callId, CallFixtures.stored(call));
    try {
      browser = chromium();
      signIn("ann");
      waitFor(d -> d.findElement(By.id("customer-name")).getText().equals("Ms Meter"));
      Bus.publish(node.vertx(), Addresses.CALL_EVENTS, CallFixtures.answeredMessage(call)); // who is on the call
      waitFor(d -> row(d, "#my-calls", callId));
      Bus.publish(node.vertx(), Addresses.SPEECH_FEATURES, new dev.attune.core.bus.SpeechFeatures(callId,
          dev.attune.core.calls.Party.AGENT, NOW, 0.8, -18.4, 2, 180, 2, 5.2, 0.62, 1, 0, false));
      Bus.publish(node.vertx(), Addresses.SPEECH_FEATURES, new dev.attune.core.bus.SpeechFeatures(callId,
          dev.attune.core.calls.Party.CUSTOMER, NOW, 0.5, -24.6, 0, 210, 3, 3.9, 0.38, 0, 0, false));
      waitFor(d -> d.findElement(By.id("meter-talk")).getText().equals("you 62 % · customer 38 %"));
      assertThat(browser.findElement(By.id("meter-pace")).getText()).isEqualTo("you 5.2 · customer 3.9 syllables/s");
      assertThat(browser.findElement(By.id("meter-loudness")).getText()).isEqualTo("you -18 dB · customer -25 dB");

      Http http = new Http(node.httpPort());
      String ann = http.login("ann", TestCluster.PASSWORD);
      assertThat(http.post("/api/calls/" + callId + "/transcript", ann, new JsonObject().put("party", "agent")
          .put("lang", "en").put("text", "Honestly <b>that's not my department</b>, sorry.").encode()).status()).isEqualTo(202);
      // (the transcript is redrawn when a card marks its words: each read finds its element afresh)
      assertThat(textOf("#live-transcript .heard.agent")).isEqualTo("You: Honestly <b>that's not my department</b>, sorry.");
      assertThat(textOf("#live-transcript .heard.agent mark")).containsIgnoringCase("not my department");
      assertThat(browser.findElements(By.cssSelector("#live-transcript b"))).isEmpty();
      keepScreenshot("agent-meters");
    } finally {
      live.remove(callId);
    }
  }

  /** A push redraws the list; what the agent is typing, and where, stays. */
  @Test
  void aCancelReasonBeingTypedSurvivesAPushAndIsSent() throws Exception {
    browser = chromium();
    signIn("ann");
    waitFor(d -> d.findElement(By.id("link-state")).getText().toLowerCase().contains("live"));
    Http http = new Http(node.httpPort());
    String ann = http.login("ann", TestCluster.PASSWORD);
    String marker = "reason-test-" + System.nanoTime();
    say(http, ann, "I'll call you back tomorrow before 5pm with the " + marker + " form.");
    String id = waitFor(d -> d.findElements(By.cssSelector("#promises li.proposed")).stream()
        .filter(li -> li.getText().contains(marker)).findFirst().map(li -> li.getAttribute("data-commitment")).orElse(null));
    String mine = "#promises li[data-commitment='" + id + "']";
    waitFor(d -> {
      d.findElement(By.cssSelector(mine + " button.cancel")).click();
      return d.findElement(By.cssSelector(mine + " input.reason-input"));
    });
    WebElement reason = waitFor(d -> d.switchTo().activeElement().getAttribute("class").contains("reason-input")
        ? d.switchTo().activeElement() : null);
    reason.sendKeys("the customer withdrew");

    int before = browser.findElements(By.cssSelector("#promises li")).size();
    say(http, ann, "And I'll call you back tomorrow before 4pm about the " + marker + " refund.");
    waitFor(d -> d.findElements(By.cssSelector("#promises li")).size() > before); // the push redrew the list
    String typed = waitFor(d -> d.findElement(By.cssSelector(mine + " input.reason-input")).getAttribute("value"));
    assertThat(typed).isEqualTo("the customer withdrew");
    assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("reason-input");
    browser.switchTo().activeElement().sendKeys(" the request");
    browser.findElement(By.cssSelector(mine + " .promise-edit button")).click();

    JsonObject cancelled = Eventually.await("the cancelled promise", Duration.ofSeconds(20),
        () -> http.get("/api/commitments?status=all", ann).array().stream().map(JsonObject.class::cast)
            .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow(),
        c -> "CANCELLED".equals(c.getString("status")));
    assertThat(cancelled.getString("reason")).isEqualTo("the customer withdrew the request");
    // The closed promise moves to the recently closed list.
    waitFor(d -> d.findElement(By.cssSelector("#promises-done li[data-commitment='" + id + "']")));
    assertThat(browser.findElements(By.cssSelector(mine))).isEmpty();
    for (Object other : http.get("/api/commitments?status=open", ann).array()) { // the other tests' lists start empty
      http.post("/api/commitments/" + ((JsonObject) other).getString("id") + "/cancel", ann, "{\"reason\":\"test over\"}");
    }
  }

  private static void say(Http http, String token, String text) {
    assertThat(http.post("/api/calls/pbx:500.1/transcript", token,
        new JsonObject().put("party", "agent").put("text", text).put("lang", "en").encode()).status()).isEqualTo(202);
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
    browser.navigate().refresh(); // the steps come back with the kept cards that ticked them
    waitFor(d -> d.findElements(By.cssSelector("#checklist li.done[data-step='checklist.asked']")).stream()
        .findFirst().orElse(null));
    assertThat(browser.findElements(By.cssSelector("#checklist li.done[data-step='checklist.empathized']"))).hasSize(1);
  }

  /**
   * Wrap-up: when a complaint call ends, its drafted record appears on the agent's screen with the kind the coach
   * guessed; the agent chooses the severity, edits the summary and records it. The customer's hostile words stay text.
   */
  @Test
  void theAgentRecordsTheComplaintTheCoachDraftedWhenTheCallEnds() throws Exception {
    browser = chromium();
    signIn("ann");
    waitFor(d -> d.findElement(By.id("link-state")).getText().toLowerCase().contains("live"));
    Http http = new Http(node.httpPort());
    String ann = http.login("ann", TestCluster.PASSWORD);
    String callId = "pbx:880.1";
    LiveCall call = CallFixtures.answered(callId, "+15550880", "Ms Reyes", "support", "PJSIP/agent101", NOW);
    CallFixtures.begin(node, call);
    assertThat(http.post("/api/calls/" + callId + "/transcript", ann, new JsonObject().put("party", "customer")
        .put("lang", "en").put("text", "I want to complain, my heater is broken again " + HOSTILE_EVIDENCE).encode())
        .status()).isEqualTo(202);
    Eventually.await("the call's cards", Duration.ofSeconds(20),
        () -> http.get("/api/guidance?callId=" + callId, ann).array(), cards -> !cards.isEmpty());
    CallFixtures.end(node, call);

    String mine = waitFor(d -> d.findElements(By.cssSelector("#complaints li[data-complaint]")).stream()
        .filter(li -> li.getText().contains("Ms Reyes +15550880")).findFirst()
        .map(li -> "#complaints li[data-complaint='" + li.getAttribute("data-complaint") + "']").orElse(null));
    assertThat(new Select(browser.findElement(By.cssSelector(mine + " select.complaint-category")))
        .getFirstSelectedOption().getText()).isEqualTo("Product quality");
    assertThat(browser.findElement(By.cssSelector(mine + " .complaint-reasons")).getText()).contains("broken");
    keepScreenshot("agent-complaint-draft");
    waitFor(d -> {
      new Select(d.findElement(By.cssSelector(mine + " select.complaint-severity")))
          .selectByValue("JUSTIFIED");
      WebElement summary = d.findElement(By.cssSelector(mine + " textarea.complaint-summary"));
      summary.clear();
      summary.sendKeys("Heater broken for the second time this month.");
      d.findElement(By.cssSelector(mine + " button.confirm")).click();
      return true;
    });
    JsonObject recorded = Eventually.await("the recorded complaint", Duration.ofSeconds(20),
        () -> http.get("/api/complaints?status=confirmed", ann).array().stream().map(JsonObject.class::cast)
            .filter(c -> callId.equals(c.getString("callId"))).findFirst().orElse(null), java.util.Objects::nonNull);
    assertThat(recorded.getString("category")).isEqualTo("PRODUCT_QUALITY");
    assertThat(recorded.getString("severity")).isEqualTo("JUSTIFIED");
    assertThat(recorded.getString("summary")).isEqualTo("Heater broken for the second time this month.");
    waitFor(d -> d.findElements(By.cssSelector(mine)).isEmpty());
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
  }

  /** An alert raised while no wallboard was open is there when one opens, and a click takes it in hand for all. */
  @Test
  void anAlertRaisedBeforeTheWallboardOpenedIsShownAndTakenInHand() throws Exception {
    Http http = new Http(node.httpPort());
    String sue = http.login("sue", TestCluster.PASSWORD);
    Alert raised = Alert.overdue(Instant.now(), "c-880", "PJSIP/agent101", "+15550880",
        Instant.now().minusSeconds(60), "Call back about the refund " + HOSTILE_EVIDENCE);
    Bus.publish(node.vertx(), Addresses.ALERTS, raised);
    Eventually.await("the alert kept", Duration.ofSeconds(20), () -> http.get("/api/alerts", sue).array(),
        list -> list.stream().anyMatch(a -> raised.id().equals(((JsonObject) a).getJsonObject("alert").getString("id"))));

    browser = chromium();
    signIn("sue");
    String mine = "#alerts li[data-alert='" + raised.id() + "']";
    waitFor(d -> d.findElement(By.cssSelector(mine)).getText().contains("Promise overdue · ann")); // by name
    assertThat(textOf(mine)).contains("<script>");
    waitFor(d -> {
      d.findElement(By.cssSelector(mine + " button.ack")).click();
      return true;
    });
    waitFor(d -> d.findElement(By.cssSelector(mine + " .ack")).getText().contains("taken by sue"));
    JsonObject kept = http.get("/api/alerts", sue).array().stream().map(JsonObject.class::cast)
        .filter(a -> raised.id().equals(a.getJsonObject("alert").getString("id"))).findFirst().orElseThrow();
    assertThat(kept.getString("acknowledgedBy")).isEqualTo("sue");
    assertThat(browser.findElements(By.cssSelector("#alerts img, #alerts script, #alerts b"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
  }

  /** The coach's alerts: the customer's words quoted as they said them (text, never markup) and how long it lasted. */
  @Test
  void anAngryCustomerAndAnAgentRisingWithThemAreOnTheWallboard() throws Exception {
    Http http = new Http(node.httpPort());
    String sue = http.login("sue", TestCluster.PASSWORD);
    Alert words = Alert.angryCustomer(Instant.now(), "pbx:500.1", "PJSIP/agent101", "+15557777", HOSTILE_EVIDENCE, 35);
    Alert voice = Alert.angryCustomer(Instant.now(), "pbx:500.1", "PJSIP/agent101", "+15557777", null, 75);
    Alert rising = Alert.agentEscalating(Instant.now(), "pbx:500.1", "PJSIP/agent101", "+15557777");
    for (Alert alert : List.of(words, voice, rising)) {
      Bus.publish(node.vertx(), Addresses.ALERTS, alert);
    }
    Eventually.await("the alerts kept", Duration.ofSeconds(20), () -> http.get("/api/alerts", sue).array(),
        list -> list.stream().filter(a -> List.of(words.id(), voice.id(), rising.id())
            .contains(((JsonObject) a).getJsonObject("alert").getString("id"))).count() == 3);

    browser = chromium();
    signIn("sue");
    String said = "#alerts li.warning[data-alert='" + words.id() + "']";
    waitFor(d -> d.findElement(By.cssSelector(said)).getText().contains("Angry customer · ann"));
    assertThat(textOf(said)).contains("“" + HOSTILE_EVIDENCE + "” · angry for 0:35");
    assertThat(textOf("#alerts li.warning[data-alert='" + voice.id() + "']")).contains("Angry customer · ann")
        .contains("raised voice for 1:15");
    assertThat(textOf("#alerts li.warning[data-alert='" + rising.id() + "']")).contains("Agent escalating · ann")
        .contains("louder or faster while the customer is angry");
    assertThat(browser.findElements(By.cssSelector("#alerts img, #alerts script, #alerts b"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
  }

  /**
   * Listen, whisper, barge from the wallboard on a call of the built-in PBX: each click makes the PBX receive an
   * Originate of ChanSpy from the supervisor's own phone onto the agent's channel, in that mode; an agent may not, and
   * a supervisor with no phone is told what to set.
   */
  @Test
  void aSupervisorListensWhispersAndBargesFromTheWallboard() throws Exception {
    AttuneNode withPbx = pbx.node();
    String callId = withPbx.simulator().offer(new ScriptedCall("+15550990", "Ms Ortiz", "support", 120, List.of()))
        .await(10, java.util.concurrent.TimeUnit.SECONDS);
    String ann = pbx.http().login("ann", TestCluster.PASSWORD);
    String linkedid = callId.substring(callId.indexOf(':') + 1);
    Eventually.await("the call answered", Duration.ofSeconds(30), () -> pbx.http().get("/api/calls",
        pbx.http().login("max", TestCluster.PASSWORD)).array().stream().map(JsonObject.class::cast)
        .filter(c -> callId.equals(c.getString("id")) && c.getString("answeredAt") != null).findFirst()
        .orElse(null), java.util.Objects::nonNull);
    assertThat(pbx.http().post("/api/calls/" + callId + "/listen", ann, "{\"mode\":\"listen\"}").status())
        .as("an agent may not listen in").isEqualTo(403);

    browser = chromium();
    signIn(withPbx, "max");
    String row = "#all-calls tr[data-call='" + callId + "']";
    for (String mode : List.of("listen", "whisper", "barge")) {
      int before = spies(withPbx).size();
      waitFor(d -> {
        d.findElement(By.cssSelector(row + " button." + mode)).click();
        return true;
      });
      AmiMessage originate = Eventually.await(mode + " reaching the PBX", Duration.ofSeconds(20),
          () -> spies(withPbx), l -> l.size() == before + 1).get(before);
      assertThat(originate.get("Channel")).isEqualTo("PJSIP/sup201");
      String[] data = originate.get("Data").split(",");
      assertThat(data[1]).isEqualTo(Map.of("listen", "q", "whisper", "qw", "barge", "qB").get(mode) + "dESu");
      assertThat(data[0]).as("the agent's channel, not the customer's").isNotEqualTo(linkedid).matches("[0-9.]+");
      waitFor(d -> d.findElement(By.id("listen-status")).getText().contains("PJSIP/sup201 is ringing"));
    }
    JsonArray audit = pbx.http().get("/api/supervision", pbx.http().login("ada", TestCluster.PASSWORD)).array();
    assertThat(audit.stream().map(JsonObject.class::cast).map(u -> u.getString("mode")))
        .containsExactly("BARGE", "WHISPER", "LISTEN");
    assertThat(audit.getJsonObject(0).getString("supervisor")).isEqualTo("max");
    assertThat(audit.getJsonObject(0).getString("agent")).startsWith("PJSIP/agent");

    browser.quit();
    browser = chromium();
    signIn(withPbx, "sue"); // no phone on her account
    waitFor(d -> {
      d.findElement(By.cssSelector(row + " button.listen")).click();
      return true;
    });
    waitFor(d -> d.findElement(By.id("listen-status")).getText().contains("No phone is set on your account"));
  }

  /**
   * An agent pauses from their screen with a reason from the configured list: the PBX gets QueuePause for their
   * interface with that reason, the screen and the supervisors' status show the pause as the PBX reports it, and
   * resuming undoes it.
   */
  @Test
  void anAgentPausesWithAReasonAndThePbxAndTheSupervisorsSeeIt() throws Exception {
    AttuneNode withPbx = pbx.node();
    browser = chromium();
    signIn(withPbx, "ann");
    waitFor(d -> d.findElement(By.id("link-state")).getText().toLowerCase().contains("live"));
    waitFor(d -> new Select(d.findElement(By.id("pause-reason"))).getOptions().size() == 7);
    int before = pauses(withPbx).size();
    waitFor(d -> {
      new Select(d.findElement(By.id("pause-reason"))).selectByValue("lunch");
      d.findElement(By.id("pause")).click();
      return true;
    });
    AmiMessage paused = Eventually.await("the pause reaching the PBX", Duration.ofSeconds(20), () -> pauses(withPbx),
        l -> l.size() > before).get(before);
    assertThat(paused.get("Interface")).isEqualTo("PJSIP/agent101");
    assertThat(paused.get("Paused")).isEqualToIgnoringCase("true");
    assertThat(paused.get("Reason")).isEqualTo("lunch");
    waitFor(d -> d.findElement(By.id("my-status")).getText().startsWith("paused · Lunch"));
    String sue = pbx.http().login("sue", TestCluster.PASSWORD);
    JsonObject status = Eventually.await("the supervisors' view", Duration.ofSeconds(20),
        () -> pbx.http().get("/api/agents/status", sue).json().getJsonArray("agents").stream()
            .map(JsonObject.class::cast).filter(a -> "PJSIP/agent101".equals(a.getString("agent"))).findFirst()
            .orElse(null), a -> a != null && a.getBoolean("paused"));
    assertThat(status.getString("pauseReason")).isEqualTo("lunch");
    assertThat(pbx.http().post("/api/agents/pause", pbx.http().login("ann", TestCluster.PASSWORD),
        "{\"reason\":\"lunch\",\"agent\":\"PJSIP/agent102\"}").status()).as("only themselves").isEqualTo(403);

    waitFor(d -> {
      d.findElement(By.id("resume")).click();
      return true;
    });
    waitFor(d -> d.findElement(By.id("my-status")).getText().startsWith("available"));
    assertThat(pauses(withPbx).get(pauses(withPbx).size() - 1).get("Paused")).isEqualToIgnoringCase("false");
  }

  /**
   * A supervisor pauses an agent from the wallboard (the form under the agents, which the board's redraws leave
   * alone) and resumes them: the PBX gets QueuePause for that agent's interface with the reason, the agent's row
   * shows the pause as the PBX reports it.
   */
  @Test
  void aSupervisorPausesAndResumesAnAgentFromTheWallboard() throws Exception {
    AttuneNode withPbx = pbx.node();
    browser = chromium();
    signIn(withPbx, "max");
    waitFor(d -> d.findElement(By.id("link-state")).getText().toLowerCase().contains("live"));
    waitFor(d -> new Select(d.findElement(By.id("pause-why"))).getOptions().size() == 7
        && new Select(d.findElement(By.id("pause-who"))).getOptions().stream()
            .anyMatch(o -> "PJSIP/agent102".equals(o.getAttribute("value"))));
    int before = pauses(withPbx).size();
    waitFor(d -> {
      new Select(d.findElement(By.id("pause-who"))).selectByValue("PJSIP/agent102");
      new Select(d.findElement(By.id("pause-why"))).selectByValue("meeting");
      d.findElement(By.id("pause-go")).click();
      return true;
    });
    AmiMessage paused = Eventually.await("the pause reaching the PBX", Duration.ofSeconds(20), () -> pauses(withPbx),
        l -> l.size() > before).get(before);
    assertThat(paused.get("Interface")).isEqualTo("PJSIP/agent102");
    assertThat(paused.get("Paused")).isEqualToIgnoringCase("true");
    assertThat(paused.get("Reason")).isEqualTo("meeting");
    waitFor(d -> d.findElement(By.cssSelector("#agents tr[data-agent='PJSIP/agent102'] td.state")).getText()
        .equals("paused · Meeting"));

    waitFor(d -> {
      new Select(d.findElement(By.id("pause-who"))).selectByValue("PJSIP/agent102");
      d.findElement(By.id("resume-go")).click();
      return true;
    });
    waitFor(d -> d.findElement(By.cssSelector("#agents tr[data-agent='PJSIP/agent102'] td.state")).getText()
        .equals("available"));
    AmiMessage resumed = pauses(withPbx).get(pauses(withPbx).size() - 1);
    assertThat(resumed.get("Interface")).isEqualTo("PJSIP/agent102");
    assertThat(resumed.get("Paused")).isEqualToIgnoringCase("false");
  }

  private static List<AmiMessage> pauses(AttuneNode on) {
    return on.simulator().actionsReceived().stream().filter(a -> "queuepause".equalsIgnoreCase(a.get("Action")))
        .toList();
  }

  /** The Originates of ChanSpy the built-in PBX received from a node (not the audio taps'). */
  private static List<AmiMessage> spies(AttuneNode on) {
    return on.simulator().actionsReceived().stream()
        .filter(a -> "originate".equalsIgnoreCase(a.get("Action")) && "ChanSpy".equals(a.get("Application"))
            && !String.valueOf(a.get("Channel")).startsWith("AudioSocket/")).toList();
  }

  /**
   * The wall mode for a TV across the room: a tile per queue with the server's figures, its colours against the
   * targets and the last hour's trend lines, a compact agent grid; the choice outlives a reload. Screenshots of both
   * views are kept (app/target/screens).
   */
  @Test
  void theWallModeShowsATilePerQueueWithItsTrendsAndAnAgentGrid() throws Exception {
    browser = chromium();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
    signIn("sue");
    waitFor(d -> d.findElement(By.cssSelector("#queues tr[data-queue='support']")));
    keepScreenshot("wallboard-table");
    browser.findElement(By.id("wall-switch")).click();
    String tile = "#queue-tiles .tile[data-queue='support']";
    waitFor(d -> d.findElement(By.cssSelector(tile)).isDisplayed());
    assertThat(browser.findElement(By.id("desk")).isDisplayed()).isFalse();
    assertThat(textOf(tile)).contains("support").contains("Service level").contains("last hour");
    waitFor(d -> d.findElements(By.cssSelector(tile + " svg.spark polyline")).size() == 2);
    waitFor(d -> d.findElement(By.cssSelector("#agent-grid .agent-cell[data-agent='PJSIP/agent101']")).getText()
        .startsWith("ann"));
    keepScreenshot("wallboard-wall");
    browser.navigate().refresh();
    waitFor(d -> d.findElement(By.cssSelector(tile)).isDisplayed()); // kept in this browser
    browser.findElement(By.id("wall-switch")).click();
    waitFor(d -> d.findElement(By.id("desk")).isDisplayed());
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
    // The wallboard redraws its tables every second: each read finds its element afresh (textOf retries a stale one).
    assertThat(textOf("#all-calls tr[data-call='pbx:503.1']")).contains("Late caller").contains("PJSIP/agent102");
    assertThat(textOf("#agents tr[data-agent='PJSIP/agent101']")).contains("talking").startsWith("ann"); // by name
    // Queue figures are the server's (GET /api/queues, the dashboards' definitions), not worked out in the page.
    String offered = textOf("#queues tr[data-queue='support'] .offered");
    JsonObject figures = new Http(node.httpPort()).get("/api/queues", new Http(node.httpPort()).login("sue",
        TestCluster.PASSWORD)).json().getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> "support".equals(q.getString("queue"))).findFirst().orElseThrow().getJsonObject("today");
    assertThat(offered).isEqualTo(String.valueOf(figures.getInteger("offered")));
    assertThat(browser.findElement(By.id("sl-note")).getText()).contains("÷ offered");
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
    signIn(node, user);
  }

  private void signIn(AttuneNode on, String user) {
    browser.get("http://127.0.0.1:" + on.httpPort() + "/");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(TestCluster.PASSWORD);
    browser.findElement(By.id("login-button")).click();
  }

  private static WebElement row(WebDriver d, String table, String callId) {
    List<WebElement> rows = d.findElements(By.cssSelector(table + " tr[data-call='" + callId + "']"));
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The text of the element {@code css} finds, read as one step (the pages redraw some tables every second). */
  private String textOf(String css) {
    return waitFor(d -> d.findElement(By.cssSelector(css)).getText());
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
          "--disable-component-update", "--disable-sync", "--window-size=1440,900", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
      return new ChromeDriver(service, options);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
