package io.ferry.sink.redshift;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.table.ColumnTypes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the shared load logic ({@link LoadTransaction}) needs from a warehouse: how staged files
 * reach the staging table, how columns are typed, and how TRUNCATE behaves. One instance serves one
 * load.
 */
public interface WarehouseDialect {

  /** Types for the columns of a table the load creates. */
  ColumnTypes columnTypes(Map<String, Long> maxBytes);

  /**
   * Copies every staged file into {@code staging} on {@code c}, inside the caller's transaction.
   *
   * @param columns the staging table's columns, in file order
   * @return rows the database says it loaded
   * @throws CopyFailedException when the database refused the data
   */
  long copy(Connection c, SqlIdentifier staging, List<String> columns, StagedFiles staged)
      throws SQLException, IOException;

  /**
   * After a failed COPY and the rollback: the database's account of the rejected rows, read on the
   * same connection; empty when it keeps none.
   */
  Optional<String> copyErrors(Connection c);

  /**
   * Whether an append may COPY straight into the target inside the transaction instead of through
   * the staging table: as atomic (the rollback removes the rows), with half the writes.
   */
  boolean appendsDirectly();

  /**
   * Whether TRUNCATE commits the transaction it runs in (Redshift), rather than being part of it.
   */
  boolean truncateCommits();

  /** The COPY statements a plan shows, with placeholders. */
  List<String> plannedCopy(SqlIdentifier staging, String columnList);
}
