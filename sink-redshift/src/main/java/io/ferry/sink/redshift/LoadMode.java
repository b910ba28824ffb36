package io.ferry.sink.redshift;

/** How loaded rows combine with the rows already in the target table. */
public enum LoadMode {
  /** Insert every input row; existing rows stay. */
  APPEND
}
