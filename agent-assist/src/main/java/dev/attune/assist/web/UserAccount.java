package dev.attune.assist.web;

/**
 * One account that may sign in. {@code agent} is the agent's device interface on the PBX (the value calls carry in
 * {@code agent}, e.g. {@code PJSIP/agent101}); it is required for agents and empty for the other roles.
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
