package io.ferry.core.stage;

/**
 * An optional ability of a {@link Stage}: tell before a run whether the world is ready for it.
 * {@code ferry check} calls it once on each stage created from a validated job, in job order, on
 * the driver, before any Spark work; the runner never calls it.
 *
 * <p>An implementation connects to what it will read or write (the connections it names, files it
 * reads, the target table's schema) and reports every problem through {@link
 * PreflightContext#problems()}, each saying what to do. It must write nothing anywhere, must not
 * start Spark jobs, and must not throw for a problem it can report; a thrown exception is reported
 * as the stage's problem. Messages never contain a secret.
 */
public interface ChecksReadiness {

  void check(PreflightContext context);
}
