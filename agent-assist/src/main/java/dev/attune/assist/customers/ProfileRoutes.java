package dev.attune.assist.customers;

import com.hazelcast.map.IMap;
import dev.attune.assist.web.ApiError;
import dev.attune.assist.web.ApiRoutes;
import dev.attune.assist.web.BlockingJson;
import dev.attune.assist.web.JsonBody;
import dev.attune.assist.web.Role;
import dev.attune.assist.web.RoleGate;
import dev.attune.assist.web.Viewer;
import dev.attune.core.bus.Json;
import dev.attune.core.calls.CustomerProfile;
import dev.attune.core.calls.ProfileChange;
import dev.attune.core.commitments.CustomerKeys;
import dev.attune.core.store.JsonRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer profiles administrators manage (admins only):
 * <ul>
 *   <li>{@code PUT /customers/:number} {@code {name?, vip?, language?, skills?, notes?}}: sets those fields (the
 *       counts calls taught the profile are not settable); the number is keyed like everywhere else
 *       ({@link CustomerKeys}).</li>
 *   <li>{@code GET /customers?format=csv}: every profile as CSV ({@code number,name,vip,language,skills,notes} and,
 *       read-only, {@code calls,complaints,lastContactAt}); skills are separated by {@code ;}.</li>
 *   <li>{@code POST /customers/import?dryRun=true|false&partial=false}: the same CSV back; every row is checked
 *       first, errors come with their line numbers, and nothing is written when any row is wrong unless
 *       {@code partial=true}; a dry run writes nothing and says what would change.</li>
 *   <li>{@code GET /customers/:number/changes}: who changed what, oldest first.</li>
 * </ul>
 */
public final class ProfileRoutes implements ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(ProfileRoutes.class);
  private static final List<String> COLUMNS = java.util.stream.Stream.concat(java.util.stream.Stream.of("number"),
      ProfileFields.NAMES.stream()).toList();
  private static final List<String> READ_ONLY = List.of("calls", "complaints", "lastContactAt");
  private static final int MAX_ROWS = 100_000;

  private final IMap<String, CustomerProfile> customers;
  private final JsonRows<CustomerProfile> profileRows;
  private final IMap<String, ProfileChange> changes;
  private final JsonRows<ProfileChange> changeRows;
  private final Clock clock;
  private final CustomerKeys keys;

  /**
   * {@code profileRows} and {@code changeRows} may be null (no database): profiles and changes are then read from the
   * cluster map, which holds them all; with a database it holds only the profiles in use. {@code keys}: the
   * customer key of what administrators type (a national number is read in the center's country).
   */
  public ProfileRoutes(IMap<String, CustomerProfile> customers, JsonRows<CustomerProfile> profileRows,
                       IMap<String, ProfileChange> changes, JsonRows<ProfileChange> changeRows, CustomerKeys keys,
                       Clock clock) {
    this.keys = keys;
    this.customers = customers;
    this.profileRows = profileRows;
    this.changes = changes;
    this.changeRows = changeRows;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.put("/customers/:number").handler(RoleGate.allow(Role.ADMIN)).handler(this::put);
    api.get("/customers/:number/changes").handler(RoleGate.allow(Role.ADMIN)).handler(this::changes);
    api.get("/customers").handler(RoleGate.allow(Role.ADMIN)).handler(this::export);
    api.post("/customers/import").handler(RoleGate.allow(Role.ADMIN)).handler(this::importCsv);
  }

  private String key(String number) {
    String key = keys.key(number == null ? "" : number.trim());
    if (key.isEmpty() || key.length() > 32) {
      throw ApiError.badRequest("a customer number needs 1 to 32 digits, e.g. +8613800000000");
    }
    return key;
  }

  private void put(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    String key = key(ctx.pathParam("number"));
    ProfileEdit edit = ProfileFields.fromJson(JsonBody.of(ctx, "{name?, vip?, language?, skills?, notes?}").getMap());
    BlockingJson.respond(ctx, () -> Json.write(apply(key, edit, viewer.username(), "api").after()));
  }

  /** What one edit did: the profile after it and the fields it changed (none: it changed nothing). */
  private record Applied(CustomerProfile after, List<ProfileChange.Field> fields) {}

  /** Applies one edit where the entry lives and keeps who changed what. */
  private Applied apply(String key, ProfileEdit edit, String by, String via) {
    CustomerProfile before = customers.executeOnKey(key, edit);
    CustomerProfile after = edit.applyTo(before, key);
    List<ProfileChange.Field> fields = differences(before, after);
    if (!fields.isEmpty()) {
      ProfileChange change = new ProfileChange(UUID.randomUUID().toString(), key, by, clock.instant(), via, fields);
      changes.set(change.id(), change);
      log.info("profile {} changed by {} via {}: {}", key, by, via,
          fields.stream().map(ProfileChange.Field::name).toList());
    }
    return new Applied(after, fields);
  }

  private static List<ProfileChange.Field> differences(CustomerProfile before, CustomerProfile after) {
    Map<String, String> was = settable(before);
    Map<String, String> now = settable(after);
    List<ProfileChange.Field> out = new ArrayList<>();
    for (String field : ProfileFields.NAMES) {
      if (!Objects.equals(was.get(field), now.get(field))) {
        out.add(new ProfileChange.Field(field, was.get(field), now.get(field)));
      }
    }
    return out;
  }

  private static Map<String, String> settable(CustomerProfile p) {
    Map<String, String> out = new HashMap<>();
    out.put("name", p == null || p.name() == null ? "" : p.name());
    out.put("vip", p == null ? "false" : String.valueOf(p.vip()));
    out.put("language", p == null || p.language() == null ? "" : p.language());
    out.put("skills", p == null ? "" : String.join(";", p.skills()));
    out.put("notes", p == null || p.notes() == null ? "" : p.notes());
    return out;
  }

  private void changes(RoutingContext ctx) {
    String key = key(ctx.pathParam("number"));
    BlockingJson.respond(ctx, () -> Json.write(changeRows != null ? changeRows.ofOwner(key)
        : changes.values().stream().filter(c -> key.equals(c.number()))
            .sorted(Comparator.comparing(ProfileChange::at)).toList()));
  }

  private void export(RoutingContext ctx) {
    if (!"csv".equals(ctx.request().getParam("format"))) {
      throw ApiError.badRequest("GET /api/customers exports profiles: add ?format=csv");
    }
    ctx.vertx().executeBlocking(this::csv, false).onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"customers.csv\"").end(csv))
        .onFailure(ctx::fail);
  }

  private String csv() {
    StringWriter out = new StringWriter();
    List<String> header = new ArrayList<>(COLUMNS);
    header.addAll(READ_ONLY);
    try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
      for (CustomerProfile p : everyProfile()) {
        printer.printRecord(p.number(), p.name(), p.vip(), p.language(), String.join(";", p.skills()), p.notes(),
            p.calls(), p.complaints(), p.lastContactAt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Every profile, by number: the database's rows, with what the cluster holds in memory over them (newer while a
   * write to the database is still owed).
   */
  private List<CustomerProfile> everyProfile() {
    java.util.Map<String, CustomerProfile> byNumber = new java.util.TreeMap<>();
    try {
      for (CustomerProfile p : profileRows == null ? List.<CustomerProfile>of() : profileRows.all()) {
        byNumber.put(p.number(), p);
      }
    } catch (java.sql.SQLException e) {
      throw ApiError.unavailable("the database did not answer; the export would miss profiles: " + e.getMessage());
    }
    customers.values().forEach(p -> byNumber.put(p.number(), p));
    return List.copyOf(byNumber.values());
  }

  /** One checked row: its line in the file, the profile key and what it sets. */
  private record Row(long line, String key, ProfileEdit edit) {}

  private void importCsv(RoutingContext ctx) {
    Viewer viewer = Viewer.of(ctx);
    boolean dryRun = flag(ctx, "dryRun");
    boolean partial = flag(ctx, "partial");
    String body = ctx.body() == null ? "" : ctx.body().asString();
    if (body.isBlank()) {
      throw ApiError.badRequest("the body must be CSV with a header line: " + String.join(",", COLUMNS));
    }
    JsonArray errors = new JsonArray();
    List<Row> rows = parse(body, errors);
    if (!errors.isEmpty() && !partial && !dryRun) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", 400).put("message", errors.size() + " row(s) are wrong; nothing was"
              + " imported (fix them, or import the others with partial=true)").put("errors", errors).encode());
      return;
    }
    BlockingJson.respond(ctx, () -> {
      int changed = 0;
      for (Row row : rows) {
        // a dry run reads and compares; an import applies, and its own comparison says whether anything changed
        List<ProfileChange.Field> fields = dryRun ? wouldChange(row)
            : apply(row.key(), row.edit(), viewer.username(), "csv").fields();
        changed += fields.isEmpty() ? 0 : 1;
      }
      return new JsonObject().put("dryRun", dryRun).put("rows", rows.size() + errors.size())
          .put(dryRun ? "wouldChange" : "changed", changed).put("errors", errors).encode();
    });
  }

  private List<ProfileChange.Field> wouldChange(Row row) {
    CustomerProfile current = customers.get(row.key());
    return differences(current, row.edit().applyTo(current, row.key()));
  }

  private List<Row> parse(String csv, JsonArray errors) {
    List<Row> rows = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    try (CSVParser parser = format.parse(new StringReader(csv))) {
      List<String> header = parser.getHeaderNames();
      if (!header.contains("number")) {
        throw ApiError.badRequest("line 1: the header needs a number column; columns: " + String.join(",", COLUMNS));
      }
      for (String column : header) {
        if (!COLUMNS.contains(column) && !READ_ONLY.contains(column)) {
          throw ApiError.badRequest("line 1: unknown column " + column + "; columns: " + String.join(",", COLUMNS));
        }
      }
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        if (rows.size() + errors.size() >= MAX_ROWS) {
          throw ApiError.badRequest("more than " + MAX_ROWS + " rows; split the file");
        }
        try {
          if (!record.isConsistent()) {
            throw ApiError.badRequest(record.size() + " cells, the header has " + header.size());
          }
          String key = key(record.get("number"));
          Long first = seen.putIfAbsent(key, line);
          if (first != null) {
            throw ApiError.badRequest("number " + record.get("number") + " is already on line " + first);
          }
          rows.add(new Row(line, key, ProfileFields.fromCells(record.toMap())));
        } catch (ApiError e) {
          errors.add(new JsonObject().put("line", line).put("message", e.getMessage()));
        }
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw ApiError.badRequest("not readable as CSV: " + e.getMessage());
    }
    return rows;
  }

  private static boolean flag(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiError.badRequest(name + " must be true or false");
  }
}
