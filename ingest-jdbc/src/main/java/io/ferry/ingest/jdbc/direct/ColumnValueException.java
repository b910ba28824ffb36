package io.ferry.ingest.jdbc.direct;

/**
 * A source value that the column's Spark type cannot hold (a decimal too wide for its precision,
 * {@code NaN}, an infinite date), found while decoding or, in JDBC mode, while parsing a date-time
 * read as text; its message names the column and what to change.
 */
public final class ColumnValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ColumnValueException(String message) {
    super(message);
  }
}
