package io.ferry.ingest.jdbc;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.stage.FailureCode;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.ingest.jdbc.direct.ColumnValueException;
import io.ferry.ingest.jdbc.read.ExactJdbcRead;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A failed ingest, said in the user's terms: what it read, from which connection and host, and the
 * database's own words. Never carries the password: only the connection's name and host are named,
 * and drivers do not echo passwords.
 */
public final class JdbcIngestException extends StageFailure {
  private static final long serialVersionUID = 1L;

  private JdbcIngestException(FailureCode code, String message, Throwable cause) {
    super(code, message, cause);
  }

  /**
   * Wraps a failure of reading {@code what} through {@code connection}. When a database error, or a
   * source value the column's Spark type cannot hold, is in the chain it becomes the cause, so
   * users read that message rather than Spark's task failure dump.
   */
  static JdbcIngestException reading(String what, ConnectionSpec connection, Throwable failure) {
    Optional<Exception> database = sourceError(failure);
    Optional<SQLException> sql =
        database.filter(SQLException.class::isInstance).map(SQLException.class::cast);
    String message =
        "cannot read "
            + what
            + " from connection '"
            + connection.name()
            + "' at "
            + connection.host()
            + ": "
            + database.map(Exception::getMessage).orElseGet(failure::getMessage)
            + sql.flatMap(e -> advice(e, connection)).map(a -> "\n  " + a).orElse("");
    FailureCode code =
        database.isPresent() && database.get() instanceof ColumnValueException
            ? StandardFailureCode.DATA_INVALID
            : sql.map(JdbcIngestException::sqlState)
                    .filter(JdbcIngestException::unavailable)
                    .isPresent()
                ? StandardFailureCode.SOURCE_UNAVAILABLE
                : StandardFailureCode.SOURCE_READ_FAILED;
    return new JdbcIngestException(code, message, database.<Throwable>map(e -> e).orElse(failure));
  }

  /**
   * What to do about a source database's error, by its SQLSTATE (PostgreSQL's codes and the
   * SQL-standard classes MySQL and MariaDB use); empty when the state suggests nothing specific.
   */
  static Optional<String> advice(SQLException e, ConnectionSpec connection) {
    String state = sqlState(e);
    String name = "connection '" + connection.name() + "'";
    if (state.startsWith("08")) {
      return Optional.of(
          "Check "
              + name
              + "'s host and port, and that the database accepts connections from where ferry"
              + " runs (on EMR: the database's security group must admit the cluster's);"
              + " `ferry check <job>` tests this before a cluster starts.");
    }
    if (state.startsWith("28")) {
      return Optional.of(
          "Check "
              + name
              + "'s user and password (for password { env } or { secrets-manager }, the value"
              + " they hold); `ferry check <job>` tests the login.");
    }
    if (state.equals("42P01") || state.equals("42S02")) {
      return Optional.of(
          "Check that 'table' (or the tables in 'query') names a table that exists, as"
              + " schema.table, and that "
              + name
              + "'s user may read it.");
    }
    if (state.equals("42703") || state.equals("42S22")) {
      return Optional.of(
          "Check that every column the stage names ('columns', 'split-by', 'where',"
              + " 'incremental.column', 'column-types') exists in the source.");
    }
    if (state.equals("42601") || (state.equals("42000") && e.getErrorCode() == 1064)) {
      return Optional.of(
          "Check the SQL in 'query', 'where' and 'boundary-query': it runs as written, in the"
              + " source database's own dialect.");
    }
    if (state.equals("42501") || e.getErrorCode() == 1142 || e.getErrorCode() == 1143) {
      return Optional.of("Grant " + name + "'s user SELECT on what the stage reads.");
    }
    if (state.equals("57014")) {
      return Optional.of(
          "The statement was cancelled: by the stage's 'query-timeout' when it is set, by the"
              + " database's statement timeout, or by an administrator. Raise the timeout if the"
              + " read needs longer; nothing was committed.");
    }
    if (state.startsWith("57P") || state.equals("40001")) {
      return Optional.of(
          "The source ended the read (a statement timeout, an administrator, a failover or a"
              + " conflict with replication); nothing was committed: run the job again.");
    }
    return Optional.empty();
  }

  private static String sqlState(SQLException e) {
    return e.getSQLState() == null ? "" : e.getSQLState();
  }

  /** Connection and login failures: the source could not be reached or refused the session. */
  private static boolean unavailable(String state) {
    return state.startsWith("08") || state.startsWith("28");
  }

  /**
   * The first {@link SQLException} or {@link ColumnValueException} in the cause chain (a value JDBC
   * mode's {@link ExactJdbcRead} refused among them): what went wrong at the source, in its own
   * words.
   */
  static Optional<Exception> sourceError(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 16; depth++) {
      if (t instanceof SQLException || t instanceof ColumnValueException) {
        return Optional.of((Exception) t);
      }
      Optional<ColumnValueException> refused = ExactJdbcRead.refusedValue(t);
      if (refused.isPresent()) {
        return Optional.of(refused.get());
      }
      t = t.getCause();
    }
    return Optional.empty();
  }
}
