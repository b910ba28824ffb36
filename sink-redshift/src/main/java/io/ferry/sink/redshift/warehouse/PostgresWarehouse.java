package io.ferry.sink.redshift.warehouse;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.CopyFailedException;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.postgres.CopyStatement;
import io.ferry.sink.redshift.postgres.PostgresConnections;
import io.ferry.sink.redshift.staging.CsvForm;
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
 * session's staging table, while Spark stages the others ({@link
 * io.ferry.sink.redshift.postgres.PipelinedCopy}). TRUNCATE is transactional; a concurrent load
 * waits for the bookkeeping lock.
 */
public final class PostgresWarehouse implements Warehouse {
  /** How PostgreSQL's CSV COPY reads the staged files: NULL unquoted empty, bytea as {@code \x}. */
  public static final CsvForm CSV_FORM = new CsvForm("", "\\x", true, false);

  private static final int COPY_BUFFER_BYTES = 1 << 16;
  private final StagingFormat format;

  /**
   * @param format the staging format asked for, binary or CSV; a load whose column types have no
   *     binary encoding stages CSV, and each file's own name says how it is COPYed
   */
  public PostgresWarehouse(StagingFormat format) {
    this.format = requireNonNull(format, "format");
    if (format == StagingFormat.PARQUET) {
      throw new IllegalArgumentException("PostgreSQL stages binary or csv files");
    }
  }

  /** The staging format asked for. */
  public StagingFormat stagingFormat() {
    return format;
  }

  @Override
  public String name() {
    return POSTGRES;
  }

  @Override
  public Connection open(ConnectionSpec connection) throws SQLException {
    return PostgresConnections.open(connection);
  }

  @Override
  public ColumnTypes columnTypes(Map<String, Long> maxBytes) {
    return new PostgresColumnTypes();
  }

  @Override
  public List<String> copyStatements(
      SqlIdentifier table, String columnList, boolean nested, String staged) {
    return List.of(new CopyStatement(table, columnList, format).sql());
  }

  @Override
  public long copy(Connection c, CopyInto into, StagedFiles staged, FileSystem fs)
      throws SQLException, IOException {
    String columnList = columnList(into.columns());
    CopyManager copier = c.unwrap(PGConnection.class).getCopyAPI();
    long rows = 0;
    for (Path file : staged.paths()) {
      CopyStatement copy = new CopyStatement(into.table(), columnList, formatOf(file));
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
  public Optional<String> copyErrors(Connection c, CopyFailedException failure) {
    return Optional.empty();
  }

  @Override
  public String merge(ModeStatements mode) {
    return mode.mergeWithTargetAlias();
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
  public boolean locksTarget() {
    return false;
  }

  /**
   * PostgreSQL makes a concurrent load wait for the bookkeeping lock; and a pipelined COPY cannot
   * run twice, so nothing is retried.
   */
  @Override
  public boolean isRetryableConflict(SQLException e) {
    return false;
  }

  /** Binary COPY for {@code .bin} files, CSV otherwise. */
  static StagingFormat formatOf(Path file) {
    return file.getName().endsWith("." + FileEncoding.BINARY_EXTENSION)
        ? StagingFormat.BINARY
        : StagingFormat.CSV;
  }

  private static String columnList(List<String> columns) {
    return SqlIdentifier.list(
        columns.stream().map(SqlIdentifier::of).toList(), SqlIdentifier::quoted);
  }
}
