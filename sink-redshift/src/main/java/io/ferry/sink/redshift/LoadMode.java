package io.ferry.sink.redshift;

/**
 * How loaded rows combine with the rows already in the target table. Every mode runs in one
 * transaction through a temporary staging table, except that {@code TRUNCATE} commits on Redshift.
 */
public enum LoadMode {
  /** Insert every input row; existing rows stay. */
  APPEND,
  /**
   * Replace the table's contents with the input: DELETE then INSERT, so the table, its grants and
   * the views that depend on it stay.
   */
  OVERWRITE,
  /**
   * Replace the contents with TRUNCATE then INSERT: faster than DELETE, transactional on PostgreSQL
   * but not on Redshift, where TRUNCATE commits the transaction it runs in.
   */
  TRUNCATE_INSERT,
  /** Update the rows whose merge keys exist in the table and insert the others (MERGE). */
  MERGE
}
