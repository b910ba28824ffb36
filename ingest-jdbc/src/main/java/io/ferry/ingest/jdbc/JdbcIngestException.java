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
    String message =
        "cannot read "
            + what
            + " from connection '"
            + connection.name()
            + "' at "
            + connection.host()
            + ": "
            + database.map(Exception::getMessage).orElseGet(failure::getMessage);
    FailureCode code =
        database.isPresent() && database.get() instanceof ColumnValueException
            ? StandardFailureCode.DATA_INVALID
            : StandardFailureCode.SOURCE_READ_FAILED;
    return new JdbcIngestException(code, message, database.<Throwable>map(e -> e).orElse(failure));
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
