package io.ferry.transform.lake;

/** How {@code lake-write} places its output under {@code path}. */
public enum WriteMode {
  /** The dataset replaces whatever is at {@code path}. */
  OVERWRITE,
  /** The dataset goes to {@code path/run=<run-id>}; earlier runs stay, a rerun replaces its own. */
  APPEND_RUN
}
