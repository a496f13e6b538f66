package dev.attune.assist.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.attune.core.config.AttuneConfig;
import dev.attune.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts that may sign in, read once at start-up from YAML users files (format: {@code config/users.example.yaml}):
 * <pre>
 * users:
 *   - username: alice
 *     passwordHash: "pbkdf2-sha256$210000$...$..."   # java -cp attune-all.jar dev.attune.app.HashPassword
 *     role: agent                                      # agent | supervisor | admin
 *     agent: PJSIP/alice                               # agents: their device interface on the PBX; supervisors:
 *                                                      #   the phone they listen in from (optional)
 * </pre>
 * Every problem is reported at once, naming the file and the entry, like the main configuration.
 */
public final class UserDirectory {
  /** The demo accounts (one per role), next to {@code attune.yaml}; loaded only in simulator mode. */
  public static final String DEMO_USERS_FILE = "demo-users.yaml";

  private final Map<String, UserAccount> byName;

  private UserDirectory(Map<String, UserAccount> byName) {
    this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName)); // keeps file order
  }

  public static UserDirectory of(List<UserAccount> accounts) {
    Map<String, UserAccount> map = new LinkedHashMap<>();
    accounts.forEach(a -> map.put(a.username(), a));
    return new UserDirectory(map);
  }

  /** Reads and merges {@code files} in order; a later file may not redefine a username. */
  public static UserDirectory load(List<Path> files) {
    List<String> problems = new ArrayList<>();
    Map<String, UserAccount> accounts = new LinkedHashMap<>();
    for (Path file : files) {
      read(file, accounts, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new UserDirectory(accounts);
  }

  /**
   * The accounts of a node: {@code <configDir>/demo-users.yaml} when running the demo (the built-in simulator, see
   * {@code auth.demoUsers}), then {@code auth.usersFile} when set. With a real PBX the demo accounts never load.
   */
  public static UserDirectory forNode(AttuneConfig.Auth auth, Path configDir) {
    List<Path> files = new ArrayList<>();
    if (auth.demoUsers()) {
      files.add(configDir.resolve(DEMO_USERS_FILE));
    }
    if (!auth.usersFile().isEmpty()) {
      files.add(Path.of(auth.usersFile()));
    }
    return load(files);
  }

  public Optional<UserAccount> find(String username) {
    return Optional.ofNullable(username == null ? null : byName.get(username));
  }

  /** Every account, in file order. */
  public List<UserAccount> accounts() {
    return List.copyOf(byName.values());
  }

  public int size() {
    return byName.size();
  }

  private static void read(Path file, Map<String, UserAccount> accounts, List<String> problems) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      problems.add(file + ": cannot read users file (" + e.getMessage().lines().findFirst().orElse("") + ")");
      return;
    }
    JsonNode users = root == null ? null : root.get("users");
    if (users == null || !users.isArray()) {
      problems.add(file + ": expected a top-level 'users:' list");
      return;
    }
    int index = 0;
    for (JsonNode entry : users) {
      String where = file + ": users[" + index++ + "]";
      String username = text(entry, "username");
      String hash = text(entry, "passwordHash");
      String roleName = text(entry, "role");
      String agent = text(entry, "agent");
      if (username.isEmpty()) {
        problems.add(where + ": username is missing");
        continue;
      }
      where += " (" + username + ")";
      if (accounts.containsKey(username)) {
        problems.add(where + ": username is defined twice");
      }
      if (!PasswordHash.wellFormed(hash)) {
        problems.add(where + ": passwordHash must be a pbkdf2-sha256 hash; make one with "
            + "java -cp attune-all.jar dev.attune.app.HashPassword");
      }
      Role role = null;
      try {
        role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": role '" + roleName + "' is not one of agent, supervisor, admin");
      }
      if (role == Role.AGENT && agent.isEmpty()) {
        problems.add(where + ": agents need 'agent:', their device interface on the PBX (e.g. PJSIP/alice)");
      }
      if (role != null) {
        // a supervisor's device is the phone they listen in from; an admin's is never used
        accounts.put(username, new UserAccount(username, hash, role, role == Role.ADMIN ? "" : agent));
      }
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode v = entry == null ? null : entry.get(field);
    return v == null || v.isNull() ? "" : v.asText().trim();
  }
}
