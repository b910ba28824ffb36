package io.ferry.sink.redshift;

/** What a load does when the input has columns the existing target table lacks. */
public enum SchemaEvolution {
  /** Fail, listing the differences; the table is left as it is. */
  NONE,
  /** Add the missing columns (nullable, typed after the input) in the load's transaction. */
  ADD_COLUMNS
}
