package io.ferry.ingest.jdbc;

import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;

/** The rows written differ from the rows the source holds; the run folder was not committed. */
public final class RowCountMismatchException extends StageFailure {
  private static final long serialVersionUID = 1L;

  RowCountMismatchException(String message) {
    super(StandardFailureCode.ROW_COUNT_MISMATCH, message);
  }
}
