package dev.attune.assist.web;

/**
 * One account that may sign in. {@code agent} is the agent's device interface on the PBX (the value calls carry in
 * {@code agent}, e.g. {@code PJSIP/agent101}), required for agents; for a supervisor, the phone they listen in
 * from (empty: they cannot listen); empty for admins.
 */
public record UserAccount(String username, String passwordHash, Role role, String agent) {
  public Viewer viewer() {
    return new Viewer(username, role, agent);
  }

  @Override
  public String toString() { // never print the hash
    return "UserAccount[username=" + username + ", role=" + role + ", agent=" + agent + "]";
  }
}
