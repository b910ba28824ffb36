package io.ferry.sink.redshift.postgres;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.CopyFailedException;
import io.ferry.sink.redshift.WarehouseDialect;
import io.ferry.sink.redshift.staging.FileEncoding;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.ColumnTypes;
import io.ferry.sink.redshift.table.PostgresColumnTypes;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL, for laptops and tests: each staged file, binary COPY format ({@code .bin}) or CSV, is
 * streamed from the lake through pgjdbc's {@code COPY ... FROM STDIN} into the target or the
 * session's staging table. TRUNCATE is transactional.
 */
public final class PostgresDialect implements WarehouseDialect {
  private static final int COPY_BUFFER_BYTES = 1 << 16;
  private final FileSystem fs;
  private final StagingFormat planned;

  /**
   * @param fs the file system the staged files live on
   * @param planned the format a plan shows ({@link #plannedCopy}); each file's own name says how it
   *     is COPYed
   */
  public PostgresDialect(FileSystem fs, StagingFormat planned) {
    this.fs = fs;
    this.planned = planned;
  }

  @Override
  public ColumnTypes columnTypes(Map<String, Long> maxBytes) {
    return new PostgresColumnTypes();
  }

  @Override
  public long copy(Connection c, SqlIdentifier staging, List<String> columns, StagedFiles staged)
      throws SQLException, IOException {
    String columnList = columnList(columns);
    CopyManager copier = c.unwrap(PGConnection.class).getCopyAPI();
    long rows = 0;
    for (Path file : staged.paths()) {
      CopyStatement copy = new CopyStatement(staging, columnList, formatOf(file));
      try (InputStream in = fs.open(file)) {
        rows += copier.copyIn(copy.sql(), in, COPY_BUFFER_BYTES);
      } catch (SQLException e) {
        throw new CopyFailedException(
            "COPY of staged file " + file.getName() + " failed: " + e.getMessage(), e);
      }
    }
    return rows;
  }

  @Override
  public Optional<String> copyErrors(Connection c) {
    return Optional.empty();
  }

  @Override
  public boolean appendsDirectly() {
    return true;
  }

  @Override
  public boolean truncateCommits() {
    return false;
  }

  @Override
  public List<String> plannedCopy(SqlIdentifier staging, String columnList) {
    return List.of(new CopyStatement(staging, columnList, planned).sql());
  }

  /** Binary COPY for {@code .bin} files, CSV otherwise. */
  static StagingFormat formatOf(Path file) {
    return file.getName().endsWith("." + FileEncoding.BINARY_EXTENSION)
        ? StagingFormat.BINARY
        : StagingFormat.CSV;
  }

  static String columnList(List<String> columns) {
    return String.join(", ", columns.stream().map(n -> SqlIdentifier.of(n).quoted()).toList());
  }
}
