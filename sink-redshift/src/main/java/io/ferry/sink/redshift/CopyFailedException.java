package io.ferry.sink.redshift;

import java.sql.SQLException;

/**
 * The database refused staged data during COPY: a bad row, a type it cannot convert. The load rolls
 * back and asks the dialect for the rejected rows ({@link WarehouseDialect#copyErrors}).
 */
public final class CopyFailedException extends SQLException {
  private static final long serialVersionUID = 1L;

  public CopyFailedException(String message, SQLException cause) {
    super(message, cause.getSQLState(), cause);
  }
}
