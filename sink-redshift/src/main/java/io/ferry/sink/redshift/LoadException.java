package io.ferry.sink.redshift;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.FailureCode;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import java.sql.SQLException;

/**
 * A failed load, said in the user's terms: which table, which connection and host, and what went
 * wrong (the runner names the stage), with its failure code:
 *
 * <ul>
 *   <li>a {@link StageFailure} thrown inside the load keeps its code and key (config: a table or a
 *       merge key that does not exist; data: the input does not fit the table, NULL or duplicate
 *       merge keys);
 *   <li>a warehouse error of SQLSTATE class 08 (connection) or 28 (authorization) is {@link
 *       StandardFailureCode#TARGET_UNAVAILABLE}; class 23 (a NOT NULL or other constraint the rows
 *       break) is {@link StandardFailureCode#DATA_INVALID}; any other, COPY errors included (with
 *       Redshift's STL_LOAD_ERRORS rows when it has them), {@link
 *       StandardFailureCode#TARGET_WRITE_FAILED};
 *   <li>anything else is {@link StandardFailureCode#INTERNAL_ERROR}.
 * </ul>
 *
 * Never carries the password: only the connection's name and host are named, and drivers do not
 * echo passwords.
 */
public final class LoadException extends StageFailure {
  private static final long serialVersionUID = 1L;

  private LoadException(FailureCode code, String key, String message, Throwable cause) {
    super(code, key, message, cause);
  }

  static LoadException of(SqlIdentifier table, ConnectionSpec connection, Throwable failure) {
    String message =
        "cannot load table "
            + table.quoted()
            + " through connection '"
            + connection.name()
            + "' at "
            + connection.host()
            + ": "
            + (failure.getMessage() == null ? failure.toString() : failure.getMessage());
    String key = failure instanceof StageFailure f ? f.key().orElse(null) : null;
    return new LoadException(codeOf(failure), key, message, failure);
  }

  /** The code of a failure thrown by a load; see the class comment. */
  static FailureCode codeOf(Throwable failure) {
    if (failure instanceof StageFailure f) {
      return f.code();
    }
    if (failure instanceof SQLException sql) {
      String state = sql.getSQLState() == null ? "" : sql.getSQLState();
      if (state.startsWith("08") || state.startsWith("28")) {
        return StandardFailureCode.TARGET_UNAVAILABLE;
      }
      if (state.startsWith("23")) {
        return StandardFailureCode.DATA_INVALID;
      }
      return StandardFailureCode.TARGET_WRITE_FAILED;
    }
    return StandardFailureCode.INTERNAL_ERROR;
  }
}
