package io.ferry.transform.sql;

import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;

/**
 * A statement Spark rejected: {@code CONFIG_VALUE_INVALID} about the stage's {@code sql} or {@code
 * sql-file}, so the run report points at the line that holds it. It carries no cause on purpose:
 * Spark's message is the whole story for users, and the cause's own message would append the
 * unresolved plan to the run report.
 */
public final class SqlTransformException extends StageFailure {
  private static final long serialVersionUID = 1L;

  SqlTransformException(String key, String message) {
    super(StandardFailureCode.CONFIG_VALUE_INVALID, key, message, null);
  }
}
