package io.ferry.ingest.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a source session still at a chosen row, deterministically: the table's {@code where} (or a
 * partition predicate) calls {@code ferry_gate(id)}, which, at the gate row, waits for a lock the
 * test holds. The test learns that a session is waiting from the database itself ({@link
 * #awaitWaiting}), acts (writes rows, ends the session), then {@link #release}s. No sleeps decide
 * the order.
 */
abstract class SourceGate implements AutoCloseable {
  /** The row at which sessions wait. */
  static final int GATE_ROW = 500;

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  protected final Connection holder;

  SourceGate(Connection holder) {
    this.holder = holder;
  }

  /** Closes the gate: sessions reaching the gate row wait until {@link #release}. */
  abstract void hold() throws SQLException;

  abstract void release() throws SQLException;

  /** The ids of the sessions waiting at the gate. */
  abstract List<Long> waiting(Connection observer) throws SQLException;

  /** Waits until a session waits at the gate; returns the waiting sessions' ids. */
  List<Long> awaitWaiting(Connection observer) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<Long> ids = waiting(observer);
      if (!ids.isEmpty()) {
        return ids;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("no session reached the gate within " + PATIENCE);
  }

  @Override
  public void close() throws SQLException {
    holder.close();
  }

  static List<Long> longs(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** PostgreSQL: a session-level advisory lock; waiters show in {@code pg_locks}. */
  static final class Postgres extends SourceGate {
    private static final int KEY = 7001;

    /** The gate function; create it once per database. */
    static final String FUNCTION =
        "CREATE FUNCTION ferry_gate(id bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$"
            + " BEGIN IF id = "
            + GATE_ROW
            + " THEN PERFORM pg_advisory_lock_shared("
            + KEY
            + "); PERFORM pg_advisory_unlock_shared("
            + KEY
            + "); END IF; RETURN true; END $$";

    Postgres(Connection holder) {
      super(holder);
    }

    @Override
    void hold() throws SQLException {
      execute(holder, "SELECT pg_advisory_lock(" + KEY + ")");
    }

    @Override
    void release() throws SQLException {
      execute(holder, "SELECT pg_advisory_unlock(" + KEY + ")");
    }

    @Override
    List<Long> waiting(Connection observer) throws SQLException {
      return longs(
          observer,
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = "
              + KEY
              + " AND NOT granted");
    }
  }

  /** MariaDB: a user lock ({@code GET_LOCK}); waiters show as 'User lock' in the process list. */
  static final class MariaDb extends SourceGate {
    static final String FUNCTION =
        "CREATE FUNCTION ferry_gate(i BIGINT) RETURNS INT NOT DETERMINISTIC NO SQL BEGIN IF i = "
            + GATE_ROW
            + " THEN DO GET_LOCK('ferry_gate', 120); DO RELEASE_LOCK('ferry_gate'); END IF;"
            + " RETURN 1; END";

    MariaDb(Connection holder) {
      super(holder);
    }

    @Override
    void hold() throws SQLException {
      execute(holder, "DO GET_LOCK('ferry_gate', 10)");
    }

    @Override
    void release() throws SQLException {
      execute(holder, "DO RELEASE_LOCK('ferry_gate')");
    }

    @Override
    List<Long> waiting(Connection observer) throws SQLException {
      return longs(
          observer, "SELECT ID FROM information_schema.PROCESSLIST WHERE STATE = 'User lock'");
    }
  }
}
