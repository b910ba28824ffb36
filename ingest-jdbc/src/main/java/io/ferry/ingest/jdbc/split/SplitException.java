package io.ferry.ingest.jdbc.split;

/** A split that cannot be planned as configured; the message says what to change. */
public final class SplitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SplitException(String message) {
    super(message);
  }
}
