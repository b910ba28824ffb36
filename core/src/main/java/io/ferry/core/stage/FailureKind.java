package io.ferry.core.stage;

/**
 * Whose side a stage failure is on, so a scheduler or an operator knows where to look: fix the job,
 * look at the source or the target, look at the data, or report a bug.
 */
public enum FailureKind {
  /** A config value is wrong in a way only the run could find (a column that does not exist). */
  CONFIG,
  /** The source database or files could not be read. */
  SOURCE,
  /** The warehouse or the lake could not be written. */
  TARGET,
  /** The data broke a check or a contract (row counts, expectations, types). */
  DATA,
  /** Anything else: a bug in Ferry or a stage, or an unclassified failure. */
  INTERNAL
}
