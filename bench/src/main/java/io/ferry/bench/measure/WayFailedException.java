package io.ferry.bench.measure;

/** A way's process failed (non-zero exit, timeout, wrong result): the way gets no figure. */
public final class WayFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WayFailedException(String message) {
    super(message);
  }
}
