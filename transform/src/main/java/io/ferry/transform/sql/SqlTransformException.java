package io.ferry.transform.sql;

/**
 * A statement Spark rejected. It carries no cause on purpose: Spark's message is the whole story
 * for users, and the cause's own message would append the unresolved plan to the run report.
 */
public final class SqlTransformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SqlTransformException(String message) {
    super(message);
  }
}
