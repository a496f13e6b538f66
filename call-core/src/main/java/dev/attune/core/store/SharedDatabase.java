package dev.attune.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Whether every member of a cluster writes to one database. Each node, before it joins, leaves a mark in its
 * database and carries it as a member attribute; a joining node then looks for the marks of the members already
 * there. Embedded H2 files on two hosts (or two PostgreSQL databases) do not share the marks: such a cluster would
 * keep part of the history, promises and complaints on each node and show each node only its own, silently.
 */
public final class SharedDatabase {
  /** The Hazelcast member attribute carrying a node's mark. */
  public static final String ATTRIBUTE = "attune.database";

  private final DataSource dataSource;
  private final String marker = UUID.randomUUID().toString();

  SharedDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** This node's mark, once written ({@link #leaveMark}). */
  public String marker() {
    return marker;
  }

  void leaveMark() throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_nodes (marker, started_ms) VALUES (?, ?)")) {
      ps.setString(1, marker);
      ps.setLong(2, System.currentTimeMillis());
      ps.executeUpdate();
    }
  }

  /** Whether the node that left {@code mark} writes here too. Blocks. */
  public boolean sharedWith(String mark) throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cluster_nodes WHERE marker = ?")) {
      ps.setString(1, mark);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
