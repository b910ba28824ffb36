package io.ferry.core.stage;

/**
 * A stable code for one kind of stage failure, in the style of Trino's {@code ErrorCode}: its name
 * goes into report.json and the console summary, so schedulers and alerts can match on it. {@link
 * StandardFailureCode} holds Ferry's own; a team's stage module may declare its own codes with
 * another enum implementing this interface. Names never change once released.
 */
public interface FailureCode {

  /** Upper case with underscores, e.g. {@code SOURCE_UNAVAILABLE}. */
  String name();

  FailureKind kind();
}
