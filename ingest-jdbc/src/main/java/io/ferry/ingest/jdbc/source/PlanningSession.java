package io.ferry.ingest.jdbc.source;

import static java.util.Objects.requireNonNull;

import io.ferry.ingest.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's session of one read, open from planning until every partition has been read, and how
 * the partitions' sessions relate to it.
 *
 * <ul>
 *   <li>PostgreSQL, consistent read: a read-only {@code REPEATABLE READ} (or {@code SERIALIZABLE})
 *       transaction exports its snapshot ({@code pg_export_snapshot()}) and stays open; every
 *       partition session, on whichever executor and in whichever attempt, starts its transaction
 *       with {@code SET TRANSACTION SNAPSHOT}, as {@code pg_dump --jobs} does. The split bounds,
 *       the row count and every partition see the same rows: {@link #consistent()}.
 *   <li>MySQL/MariaDB, or PostgreSQL with {@code consistent-read = false}: a snapshot transaction
 *       of its own, so the split bounds and the count agree; the partitions read at their own
 *       moments.
 *   <li>Other databases: an autocommit session.
 * </ul>
 *
 * The snapshot travels inside the partitions' {@link SourceConnection} (its session statements),
 * which Spark ships with each partition; nothing on the driver is looked up from an executor.
 */
public final class PlanningSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlanningSession.class);

  private final Connection connection;
  private final SourceConnection partitions;
  private final Optional<String> snapshot;

  private PlanningSession(
      Connection connection, SourceConnection partitions, Optional<String> snapshot) {
    this.connection = connection;
    this.partitions = partitions;
    this.snapshot = snapshot;
  }

  /**
   * Connects and starts the planner's transaction.
   *
   * @param consistent whether to share one snapshot with the partitions where the database can
   * @param level {@code REPEATABLE READ} or {@code SERIALIZABLE}: the level of the planner's and
   *     the partitions' transactions (both must match to share a snapshot)
   */
  public static PlanningSession open(
      SourceConnection source, Dialect dialect, boolean consistent, String level)
      throws SQLException {
    requireNonNull(source, "source");
    requireNonNull(dialect, "dialect");
    requireNonNull(level, "level");
    Connection connection = source.open();
    try (Statement statement = connection.createStatement()) {
      for (String sql : dialect.planningTransaction(level)) {
        statement.execute(sql);
      }
      Optional<String> query = dialect.exportSnapshotQuery().filter(q -> consistent);
      if (query.isEmpty()) {
        return new PlanningSession(connection, source, Optional.empty());
      }
      String id;
      try (ResultSet rs = statement.executeQuery(query.get())) {
        rs.next();
        id = rs.getString(1);
      }
      return new PlanningSession(
          connection,
          source.withTransactionStart(dialect.importSnapshot(id, level)),
          Optional.of(id));
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The planner's connection; every planning query runs on it, inside its transaction. */
  public Connection connection() {
    return connection;
  }

  /** How the partitions connect: on the shared snapshot when there is one. */
  public SourceConnection partitions() {
    return partitions;
  }

  /** Whether the planner and every partition read one snapshot. */
  public boolean consistent() {
    return snapshot.isPresent();
  }

  /** The exported snapshot's identifier, when shared. */
  public Optional<String> snapshot() {
    return snapshot;
  }

  /** Ends the planner's transaction; partitions can no longer start on its snapshot. */
  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing aborts the read-only transaction server-side; there is nothing left to undo.
      LOG.debug("closing the planning session", e);
    }
  }

  @Override
  public String toString() {
    return snapshot.map(s -> "snapshot " + s).orElse("no shared snapshot") + ", " + partitions;
  }
}
