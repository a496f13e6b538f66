package dev.attune.assist.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoutesOnARealServer;
import dev.attune.assist.web.Viewer;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.ProfileChange;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.store.MapNames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profiles administrators manage, on a real Hazelcast member and a real HTTP server (no database). */
class ProfileRoutesTest {
  private static final String KEY = "8613800000001";
  private final Vertx vertx = Vertx.vertx();
  private IMap<String, CustomerProfile> customers;
  private IMap<String, ProfileChange> changes;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() {
    HazelcastInstance hz = RoutesOnARealServer.member("profiles");
    customers = hz.getMap(MapNames.CUSTOMERS);
    changes = hz.getMap(MapNames.PROFILE_CHANGES);
    port = RoutesOnARealServer.serve(vertx, role -> new Viewer(role + "-user", Role.valueOf(role),
        role.equals("AGENT") ? "PJSIP/1" : null), new ProfileRoutes(customers, null, changes, null, CustomerKeys.DIGITS_ONLY, Clock.systemUTC()));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    Hazelcast.shutdownAll();
  }

  private HttpResponse<Buffer> put(String role, String number, JsonObject body) {
    return client.put(port, "127.0.0.1", "/api/customers/" + number).putHeader(RoutesOnARealServer.VIEWER_HEADER, role)
        .sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> get(String role, String path) {
    return client.get(port, "127.0.0.1", path).putHeader(RoutesOnARealServer.VIEWER_HEADER, role).send().await();
  }

  private HttpResponse<Buffer> importCsv(String query, String csv) {
    return client.post(port, "127.0.0.1", "/api/customers/import" + query).putHeader(RoutesOnARealServer.VIEWER_HEADER, "ADMIN")
        .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(csv)).await();
  }

  @Test
  void anAdminSetsVipLanguageSkillsAndNotesKeepingWhatCallsTaughtAndEachChangeIsAudited() {
    customers.set(KEY, new CustomerProfile(KEY, "Wang Li", 3, 3, 0, 1, Instant.parse("2026-11-30T02:00:00Z"), null,
        "PJSIP/1", null, false));
    JsonObject body = new JsonObject().put("vip", true).put("language", "zh-CN")
        .put("skills", new JsonArray().add("billing").add("mandarin")).put("notes", "prefers mornings");
    HttpResponse<Buffer> set = put("ADMIN", "%2B86%20138%200000%200001", body); // "+86 138 0000 0001", written any way
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    CustomerProfile now = customers.get(KEY);
    assertThat(now.vip()).isTrue();
    assertThat(now.language()).isEqualTo("zh-cn");
    assertThat(now.skills()).containsExactly("billing", "mandarin");
    assertThat(now.notes()).isEqualTo("prefers mornings");
    assertThat(List.of(now.calls(), now.complaints())).containsExactly(3, 1);
    assertThat(now.name()).isEqualTo("Wang Li");

    assertThat(put("ADMIN", KEY, body).statusCode()).isEqualTo(200); // the same again changes nothing
    JsonArray audit = get("ADMIN", "/api/customers/" + KEY + "/changes").bodyAsJsonArray();
    assertThat(audit).hasSize(1);
    JsonObject change = audit.getJsonObject(0);
    assertThat(change.getString("by")).isEqualTo("ADMIN-user");
    assertThat(change.getString("via")).isEqualTo("api");
    assertThat(change.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("name")).toList())
        .containsExactlyInAnyOrder("vip", "language", "skills", "notes");
  }

  @Test
  void onlyAdminsMayAndWrongFieldsAreNamed() {
    assertThat(put("SUPERVISOR", KEY, new JsonObject().put("vip", true)).statusCode()).isEqualTo(403);
    assertThat(put("AGENT", KEY, new JsonObject().put("vip", true)).statusCode()).isEqualTo(403);
    assertThat(get("SUPERVISOR", "/api/customers?format=csv").statusCode()).isEqualTo(403);
    for (Object[] bad : new Object[][] {
        {new JsonObject().put("age", 40), "unknown field age (settable: name, vip, language, skills, notes)"},
        {new JsonObject().put("vip", "yes"), "vip must be true or false"},
        {new JsonObject().put("language", "Klingon!"), "language must be a language tag such as en, zh or zh-CN"},
        {new JsonObject().put("skills", new JsonArray().add("a b")), "skills must be names of 1 to 40 letters, digits, '-', '_' or '.'; not a b"}}) {
      HttpResponse<Buffer> refused = put("ADMIN", KEY, (JsonObject) bad[0]);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("message")).isEqualTo(bad[1]);
    }
    assertThat(put("ADMIN", "no-digits", new JsonObject().put("vip", true)).statusCode()).isEqualTo(400);
    assertThat(customers.containsKey(KEY)).isFalse();
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void anImportWithWrongRowsNamesTheirLinesAndWritesNothingUnlessAskedToImportTheRest() {
    String csv = String.join("\n",
        "number,name,vip,language,skills,notes",
        "+8613800000001,Wang Li,yes,zh,billing;mandarin,\"prefers mornings, not Mondays\"",
        "+8613800000002,Zhao,maybe,,,",
        "008613800000001,Wang Again,no,,,",
        "+15550000003,Ann Lee,no,en,,");
    HttpResponse<Buffer> refused = importCsv("", csv);
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonArray errors = refused.bodyAsJsonObject().getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getLong("line")).toList()).containsExactly(3L, 4L);
    assertThat(errors.getJsonObject(0).getString("message")).contains("vip must be true or false").contains("maybe");
    assertThat(errors.getJsonObject(1).getString("message")).isEqualTo("number 008613800000001 is already on line 2");
    assertThat(customers.isEmpty()).isTrue();

    JsonObject dry = importCsv("?dryRun=true", csv).bodyAsJsonObject();
    assertThat(dry.getInteger("wouldChange")).isEqualTo(2);
    assertThat(dry.getJsonArray("errors")).hasSize(2);
    assertThat(customers.isEmpty()).isTrue();

    JsonObject done = importCsv("?partial=true", csv).bodyAsJsonObject();
    assertThat(done.getInteger("changed")).isEqualTo(2);
    assertThat(customers.get(KEY).notes()).isEqualTo("prefers mornings, not Mondays");
    assertThat(customers.get(KEY).skills()).containsExactly("billing", "mandarin");
    assertThat(customers.get("15550000003").language()).isEqualTo("en");
    assertThat(changes.values()).extracting(ProfileChange::via).containsOnly("csv");
  }

  @Test
  void theExportImportsBackAsItIsAndABadHeaderIsLineOne() {
    importCsv("", "number,name,vip,language,skills,notes\n+8613800000001,\"Wang, Li\",true,zh,billing,\"says \"\"hi\"\"\"\n");
    HttpResponse<Buffer> export = get("ADMIN", "/api/customers?format=csv");
    assertThat(export.getHeader("Content-Type")).startsWith("text/csv");
    String csv = export.bodyAsString();
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo("number,name,vip,language,skills,notes,calls,complaints,lastContactAt");
    assertThat(csv).contains("\"Wang, Li\"").contains("\"says \"\"hi\"\"\"");
    JsonObject again = importCsv("", csv).bodyAsJsonObject();
    assertThat(again.getInteger("changed")).isZero();
    assertThat(again.getJsonArray("errors")).isEmpty();

    HttpResponse<Buffer> badHeader = importCsv("", "phone,name\n+8613800000009,x\n");
    assertThat(badHeader.statusCode()).isEqualTo(400);
    assertThat(badHeader.bodyAsJsonObject().getString("message")).startsWith("line 1: the header needs a number column");
  }
}
