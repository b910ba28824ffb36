package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.warehouse.Warehouse;
import io.ferry.sink.redshift.warehouse.Warehouse.CopyInto;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;

/**
 * The rows of one load and how they reach the warehouse inside the load's transaction ({@link
 * LoadTransaction}): files staged before the transaction began ({@link #staged}), or files that
 * Spark stages while the transaction COPYs the finished ones (PostgreSQL's {@code PipelinedCopy}).
 * The transaction calls {@link #copy} at most once, and not at all when the run id already
 * committed.
 */
public interface LoadSource {

  /** The input's column names, in file order. */
  List<String> columns();

  /**
   * The longest value of each string and binary column in bytes, to size created columns; called
   * before {@link #copy}. A source that stages during the COPY returns an empty map, which only
   * warehouses whose types need no sizes accept.
   */
  Map<String, Long> maxBytes();

  /**
   * Moves every row into {@code into} on {@code c}, inside the caller's transaction; the caller
   * then checks the copied rows against the staged ones. When this throws, nothing it started is
   * still running.
   *
   * @throws CopyFailedException when the database refused the data
   */
  Copied copy(Connection c, Warehouse warehouse, CopyInto into) throws SQLException, IOException;

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

  /** Files staged on {@code fs} before the transaction, loaded by the warehouse's COPY. */
  static LoadSource staged(StagedFiles staged, FileSystem fs) {
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
      public Copied copy(Connection c, Warehouse warehouse, CopyInto into)
          throws SQLException, IOException {
        return new Copied(staged, warehouse.copy(c, into, staged, fs));
      }
    };
  }
}
