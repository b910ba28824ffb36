package io.ferry.core.stage;

/**
 * An optional ability of a {@link Stage}: say what it will read, write and issue without running.
 * {@code ferry plan} calls it on stages created from a validated job; it must do no I/O.
 */
public interface ExplainsPlan {

  StagePlan explain();
}
