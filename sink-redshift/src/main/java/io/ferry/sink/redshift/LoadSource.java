package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.staging.StagedFiles;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The rows of one load and how they reach the warehouse inside the load's transaction ({@link
 * LoadTransaction}): files staged before the transaction began ({@link #staged}), or files that
 * Spark stages while the transaction COPYs the finished ones (the postgres dialect's {@code
 * PipelinedCopy}). The transaction calls {@link #copy} at most once, and not at all when the run id
 * already committed.
 */
public interface LoadSource {

  /** The input's column names, in file order. */
  List<String> columns();

  /**
   * The longest value of each string and binary column in bytes, to size created columns; called
   * before {@link #copy}. A source that stages during the COPY returns an empty map, which only
   * dialects whose types need no sizes accept.
   */
  Map<String, Long> maxBytes();

  /**
   * Moves every row into {@code table} on {@code c}, inside the caller's transaction; the caller
   * then checks the copied rows against the staged ones. When this throws, nothing it started is
   * still running.
   *
   * @param tableColumns the table's columns in file order
   * @throws CopyFailedException when the database refused the data
   */
  Copied copy(
      Connection c, WarehouseDialect dialect, SqlIdentifier table, List<String> tableColumns)
      throws SQLException, IOException;

  /**
   * What {@link #copy} did.
   *
   * @param staged the files staged, with the rows Spark wrote into them
   * @param rows the rows the database says COPY loaded
   */
  record Copied(StagedFiles staged, long rows) {
    public Copied {
      requireNonNull(staged, "staged");
    }
  }

  /** Files staged before the transaction, loaded by the dialect's COPY. */
  static LoadSource staged(StagedFiles staged) {
    requireNonNull(staged, "staged");
    return new LoadSource() {
      @Override
      public List<String> columns() {
        return staged.columns();
      }

      @Override
      public Map<String, Long> maxBytes() {
        return staged.maxBytes();
      }

      @Override
      public Copied copy(
          Connection c, WarehouseDialect dialect, SqlIdentifier table, List<String> tableColumns)
          throws SQLException, IOException {
        return new Copied(staged, dialect.copy(c, table, tableColumns, staged));
      }
    };
  }
}
