package io.ferry.ingest.jdbc.incremental;

/** How an incremental import finds the rows that are new since its watermark. */
public enum IncrementalMode {
  /**
   * Rows are only inserted, with a growing column (id, created_at): imports {@code column > last
   * AND column <= max at start}.
   */
  APPEND,
  /**
   * Rows are inserted and updated, with a last-modified timestamp: imports {@code column >= last -
   * lookback AND column < database now}.
   */
  LASTMODIFIED
}
