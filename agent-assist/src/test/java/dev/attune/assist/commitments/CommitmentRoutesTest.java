package dev.attune.assist.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoutesOnARealServer;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Addresses;
import dev.attune.core.bus.Bus;
import dev.attune.core.bus.CallbackReply;
import dev.attune.core.bus.CallbackRequest;
import dev.attune.core.calls.Party;
import dev.attune.core.commitments.Commitment;
import dev.attune.core.store.MapNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommitmentRoutesTest {

  private static final String ANN = "PJSIP/agent101";
  private static final String BOB = "PJSIP/agent102";
  private final Vertx vertx = Vertx.vertx();
  private CommitmentService service;
  private WebClient client;
  private int port;
  private final FollowUpPromiseDetector detector = new FollowUpPromiseDetector(
      new PromiseDeadlineParser(PromiseDeadlineParserTest.SHANGHAI, Duration.ofHours(24)));

  @BeforeEach
  void start() {
    Bus.start(vertx).await();
    HazelcastInstance hz = RoutesOnARealServer.member("routes");
    service = new CommitmentService(hz.getMap(MapNames.COMMITMENTS), Clock.systemUTC(),
        new CommitmentLifecycle(Duration.ofMinutes(30)), (a, j) -> { }, new SimpleMeterRegistry());
    port = RoutesOnARealServer.serve(vertx, who -> who.equals("boss") ? new Viewer("boss", Role.SUPERVISOR, null)
        : new Viewer(who, Role.AGENT, who), new CommitmentRoutes(service));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    Hazelcast.shutdownAll();
  }

  private Commitment promise(String agent, String customer) {
    DetectedPromise p = detector.detect("I'll call you back tomorrow before 3pm", Party.AGENT, "en",
        ZonedDateTime.now()).get(0);
    return service.propose(p, "call-1", customer, "Ann", agent);
  }

  private HttpResponse<Buffer> post(String viewer, String path, JsonObject body) {
    return client.post(port, "127.0.0.1", path).putHeader(RoutesOnARealServer.VIEWER_HEADER, viewer).sendJsonObject(body).await();
  }

  @Test
  void agentsSeeOnlyTheirOwnOpenCommitmentsAndSupervisorsSeeAll() {
    promise(ANN, "+15550100");
    promise(BOB, "+15550101");
    JsonArray mine = client.get(port, "127.0.0.1", "/api/commitments?status=open")
        .putHeader(RoutesOnARealServer.VIEWER_HEADER, ANN).send().await().bodyAsJsonArray();
    JsonArray all = client.get(port, "127.0.0.1", "/api/commitments?status=open")
        .putHeader(RoutesOnARealServer.VIEWER_HEADER, "boss").send().await().bodyAsJsonArray();
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("agent")).isEqualTo(ANN);
    assertThat(all).hasSize(2);
  }

  /** What the agent's screen lists: the unfinished first, then the five last closed, newest first; no one else's. */
  @Test
  void recentListsTheUnfinishedThenTheFiveLastClosed() {
    Commitment proposed = promise(ANN, "+15550100");
    Commitment open = promise(ANN, "+15550100");
    post(ANN, "/api/commitments/" + open.id() + "/confirm", new JsonObject());
    List<String> closed = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Commitment c = promise(ANN, "+1555020" + i);
      assertThat(post(ANN, "/api/commitments/" + c.id() + "/cancel", new JsonObject().put("reason", "no " + i))
          .statusCode()).isEqualTo(200);
      closed.add(c.id());
    }
    Commitment bobs = promise(BOB, "+15550300");
    post(BOB, "/api/commitments/" + bobs.id() + "/cancel", new JsonObject().put("reason", "not ann's"));

    JsonArray recent = client.get(port, "127.0.0.1", "/api/commitments?status=recent")
        .putHeader(RoutesOnARealServer.VIEWER_HEADER, ANN).send().await().bodyAsJsonArray();
    List<String> ids = recent.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    assertThat(ids.subList(0, 2)).containsExactlyInAnyOrder(proposed.id(), open.id());
    assertThat(ids.subList(2, ids.size())).containsExactly(closed.get(6), closed.get(5), closed.get(4),
        closed.get(3), closed.get(2));
    HttpResponse<Buffer> bad = client.get(port, "127.0.0.1", "/api/commitments?status=closed")
        .putHeader(RoutesOnARealServer.VIEWER_HEADER, ANN).send().await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("message")).isEqualTo("status must be open, recent or all");
  }

  @Test
  void confirmWithAnEditedDueOpensItAndCancelNeedsAReason() {
    Commitment c = promise(ANN, "+15550100");
    java.time.OffsetDateTime due = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).plusDays(2)
        .withHour(16).withMinute(0).withSecond(0).withNano(0);
    HttpResponse<Buffer> confirmed = post(ANN, "/api/commitments/" + c.id() + "/confirm",
        new JsonObject().put("due", due.toString()));
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.bodyAsJsonObject().getString("status")).isEqualTo("OPEN");
    assertThat(java.time.Instant.parse(confirmed.bodyAsJsonObject().getString("dueAt"))).isEqualTo(due.toInstant());
    assertThat(post(BOB, "/api/commitments/" + c.id() + "/cancel", new JsonObject().put("reason", "x"))
        .statusCode()).isEqualTo(403);
    assertThat(post(ANN, "/api/commitments/" + c.id() + "/cancel", new JsonObject()).statusCode())
        .isEqualTo(400);
    assertThat(post(ANN, "/api/commitments/" + c.id() + "/cancel",
        new JsonObject().put("reason", "customer solved it")).bodyAsJsonObject().getString("status"))
        .isEqualTo("CANCELLED");
    assertThat(post(ANN, "/api/commitments/" + c.id() + "/resolve",
        new JsonObject().put("reason", "again")).statusCode()).isEqualTo(409);
  }

  /** A date the database cannot store, or a slip of decades, is a 400 naming the field; nothing is written. */
  @Test
  void aDueTimeOutsideTheNextYearOrOfTheWrongTypeIsRefused() {
    Commitment c = promise(ANN, "+15550100");
    for (Object due : new Object[] {"+999999999-12-31T23:59:59Z", "1900-01-01T00:00:00Z",
        java.time.OffsetDateTime.now().plusYears(2).toString(), 1_800_000_000}) {
      HttpResponse<Buffer> refused = post(ANN, "/api/commitments/" + c.id() + "/confirm",
          new JsonObject().put("due", due));
      assertThat(refused.statusCode()).as("due %s", due).isEqualTo(400);
      assertThat(refused.bodyAsString()).as("due %s", due).contains("due");
    }
    assertThat(service.get(c.id()).orElseThrow().status().name()).isEqualTo("PROPOSED");
    HttpResponse<Buffer> numberReason = post(ANN, "/api/commitments/" + c.id() + "/cancel",
        new JsonObject().put("reason", 5));
    assertThat(numberReason.statusCode()).isEqualTo(400);
    assertThat(numberReason.bodyAsString()).contains("reason must be a string");
    assertThat(service.get(c.id()).orElseThrow().status().name()).isEqualTo("PROPOSED");
  }

  @Test
  void anAgentsCallbackRingsTheirOwnPhoneAndReportsWhatThePbxSaid() throws Exception {
    List<CallbackRequest> asked = pbxOwner(request -> Future.succeededFuture(
        new CallbackReply(true, "Originate successfully queued")));
    Commitment c = promise(ANN, "+15550100");
    service.confirm(c.id(), null);

    HttpResponse<Buffer> answer = post(ANN, "/api/commitments/" + c.id() + "/callback", new JsonObject());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getBoolean("queued")).isTrue();
    assertThat(answer.bodyAsJsonObject().getString("pbx")).isEqualTo("Originate successfully queued");
    assertThat(asked).containsExactly(new CallbackRequest(c.id(), ANN, "+15550100"));

    assertThat(post(ANN, "/api/commitments/" + c.id() + "/callback", new JsonObject().put("agent", BOB))
        .statusCode()).as("an agent cannot ring someone else's phone").isEqualTo(403);
    assertThat(asked).hasSize(1);
  }

  @Test
  void aSupervisorsCallbackRingsThePromisesOwnerOrTheAgentTheyPick() throws Exception {
    List<CallbackRequest> asked = pbxOwner(request -> Future.succeededFuture(new CallbackReply(true, "queued")));
    Commitment c = promise(ANN, "+15550100");
    service.confirm(c.id(), null);

    assertThat(post("boss", "/api/commitments/" + c.id() + "/callback", new JsonObject()).statusCode())
        .isEqualTo(200);
    assertThat(post("boss", "/api/commitments/" + c.id() + "/callback", new JsonObject().put("agent", BOB))
        .bodyAsJsonObject().getString("agent")).isEqualTo(BOB);
    HttpResponse<Buffer> noDevice = post("boss", "/api/commitments/" + c.id() + "/callback",
        new JsonObject().put("agent", "PJSIP/"));
    assertThat(noDevice.statusCode()).isEqualTo(400);
    assertThat(noDevice.bodyAsString()).contains("PJSIP/1001");
    assertThat(asked).extracting(CallbackRequest::agentDevice).containsExactly(ANN, BOB);
  }

  @Test
  void aCallbackNobodyCanPlaceIsA503NotASilent200() throws Exception {
    Commitment c = promise(ANN, "+15550100");
    service.confirm(c.id(), null);
    HttpResponse<Buffer> noOwner = post(ANN, "/api/commitments/" + c.id() + "/callback", new JsonObject());
    assertThat(noOwner.statusCode()).isEqualTo(503);
    assertThat(noOwner.bodyAsString()).contains("PBX link");

    pbxOwner(request -> Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503,
        "the PBX did not take the callback: Permission denied")));
    HttpResponse<Buffer> refused = post(ANN, "/api/commitments/" + c.id() + "/callback", new JsonObject());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.bodyAsString()).contains("Permission denied");
  }

  /** Stands in for the node holding the AMI link: answers callback requests, keeps what it was asked. */
  private List<CallbackRequest> pbxOwner(Function<CallbackRequest, Future<CallbackReply>> answer) throws Exception {
    List<CallbackRequest> asked = new CopyOnWriteArrayList<>();
    Bus.serve(vertx, Addresses.PBX_ACTIONS, CallbackRequest.class, request -> {
      asked.add(request);
      return answer.apply(request);
    }).completion().await(10, TimeUnit.SECONDS);
    return asked;
  }
}
