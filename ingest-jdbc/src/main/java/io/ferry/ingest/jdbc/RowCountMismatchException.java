package io.ferry.ingest.jdbc;

/** The rows written differ from the rows the source holds; the run folder was not committed. */
public final class RowCountMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RowCountMismatchException(String message) {
    super(message);
  }
}
