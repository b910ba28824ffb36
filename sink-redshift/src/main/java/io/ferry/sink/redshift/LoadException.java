package io.ferry.sink.redshift;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;

/**
 * A failed load, said in the user's terms: which table, which connection and host, and what went
 * wrong (the runner names the stage). Never carries the password: only the connection's name and
 * host are named, and drivers do not echo passwords.
 */
public final class LoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private LoadException(String message, Throwable cause) {
    super(message, cause);
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
    return new LoadException(message, failure);
  }
}
