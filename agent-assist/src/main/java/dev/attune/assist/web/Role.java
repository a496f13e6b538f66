package dev.attune.assist.web;

/** What a signed-in user may see: agents their own calls, supervisors everything, admins also configuration. */
public enum Role { AGENT, SUPERVISOR, ADMIN }
