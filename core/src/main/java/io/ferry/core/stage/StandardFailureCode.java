package io.ferry.core.stage;

/** Ferry's failure codes; docs/architecture.md lists them (a test keeps the list complete). */
public enum StandardFailureCode implements FailureCode {
  /** A config value names something the run does not find: a column, a file, a model. */
  CONFIG_VALUE_NOT_FOUND(FailureKind.CONFIG),
  /** A config value is wrong in a way validation cannot see (a type the data cannot take). */
  CONFIG_VALUE_INVALID(FailureKind.CONFIG),
  /** The stage's input dataset is missing. */
  INPUT_MISSING(FailureKind.CONFIG),
  /** The source could not be reached or refused the connection. */
  SOURCE_UNAVAILABLE(FailureKind.SOURCE),
  /** The source failed a query or a read. */
  SOURCE_READ_FAILED(FailureKind.SOURCE),
  /** The warehouse could not be reached or refused the connection. */
  TARGET_UNAVAILABLE(FailureKind.TARGET),
  /** Writing the warehouse or the lake failed. */
  TARGET_WRITE_FAILED(FailureKind.TARGET),
  /** The rows read do not match the source's count. */
  ROW_COUNT_MISMATCH(FailureKind.DATA),
  /** A data-quality expectation of level fail did not hold. */
  EXPECTATION_FAILED(FailureKind.DATA),
  /** A value does not fit where it goes (a type, a length, a key that is not unique). */
  DATA_INVALID(FailureKind.DATA),
  /** A failure the stage did not classify. */
  INTERNAL_ERROR(FailureKind.INTERNAL);

  private final FailureKind kind;

  StandardFailureCode(FailureKind kind) {
    this.kind = kind;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }
}
