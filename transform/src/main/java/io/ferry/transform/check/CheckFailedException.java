package io.ferry.transform.check;

/** A {@code check} stage found an expectation of level {@code fail} that did not hold. */
public final class CheckFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CheckFailedException(String message) {
    super(message);
  }
}
