package io.ferry.sink.redshift.warehouse;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.CopyFailedException;
import io.ferry.sink.redshift.CopyFailedException.CopyStart;
import io.ferry.sink.redshift.amazon.Authorization;
import io.ferry.sink.redshift.amazon.CopyCommand;
import io.ferry.sink.redshift.amazon.LoadErrors;
import io.ferry.sink.redshift.amazon.RedshiftConnections;
import io.ferry.sink.redshift.amazon.RedshiftOptions;
import io.ferry.sink.redshift.amazon.RedshiftSql;
import io.ferry.sink.redshift.amazon.S3Credentials;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.ColumnTypes;
import io.ferry.sink.redshift.table.RedshiftColumnTypes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.fs.FileSystem;

/**
 * Amazon Redshift, provisioned or Serverless: one COPY of the staged files, listed by their
 * manifest, into the session's staging table, then {@code pg_last_copy_count()} for the
 * verification. MERGE names no target alias, TRUNCATE commits, and a concurrent writer fails with
 * ERROR 1023 rather than waiting, which the load retries.
 *
 * @see <a href="https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html">MERGE</a>
 * @see <a href="https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html">TRUNCATE</a>
 */
public final class RedshiftWarehouse implements Warehouse {
  private final RedshiftOptions options;
  private final OptionalInt maxLength;
  private final boolean serverless;

  /**
   * @param maxLength the varchar size of created string columns, instead of measuring
   * @param serverless whether the connection reaches Redshift Serverless, which has no STV and STL
   *     system tables
   */
  public RedshiftWarehouse(RedshiftOptions options, OptionalInt maxLength, boolean serverless) {
    this.options = requireNonNull(options, "options");
    this.maxLength = requireNonNull(maxLength, "maxLength");
    this.serverless = serverless;
  }

  public RedshiftOptions options() {
    return options;
  }

  @Override
  public String name() {
    return REDSHIFT;
  }

  @Override
  public Connection open(ConnectionSpec connection) throws SQLException {
    return RedshiftConnections.open(connection);
  }

  @Override
  public ColumnTypes columnTypes(Map<String, Long> maxBytes) {
    return new RedshiftColumnTypes(maxBytes, maxLength);
  }

  @Override
  public List<String> copyStatements(
      SqlIdentifier table, String columnList, boolean nested, String staged) {
    S3Credentials shown =
        options.authorization() == Authorization.IAM_ROLE
            ? S3Credentials.iamRole(options.iamRole().orElseThrow())
            : S3Credentials.unresolvedKeys();
    return List.of(
        RedshiftSql.COPY_START,
        command(new CopyInto(table, List.of(), nested), staged + "/" + Manifest.FILE_NAME, shown)
            .display(),
        RedshiftSql.LAST_COPY_COUNT);
  }

  @Override
  public long copy(Connection c, CopyInto into, StagedFiles staged, FileSystem fs)
      throws SQLException {
    String manifest = Manifest.s3Url(staged.folder()) + "/" + Manifest.FILE_NAME;
    CopyStart start;
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.COPY_START)) {
      rows.next();
      start = new CopyStart(rows.getLong(1), rows.getString(2));
    }
    try (Statement s = c.createStatement()) {
      s.execute(command(into, manifest, credentials()).sql());
    } catch (SQLException e) {
      throw new CopyFailedException(
          "COPY from " + manifest + " failed: " + e.getMessage(), e, Optional.of(start));
    }
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.LAST_COPY_COUNT)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private CopyCommand command(CopyInto into, String manifest, S3Credentials credentials) {
    return new CopyCommand(
        into.table(),
        manifest,
        options.stagingFormat(),
        credentials,
        options.copyOptions(),
        into.nested() && options.stagingFormat() == StagingFormat.PARQUET);
  }

  private S3Credentials credentials() {
    return options.authorization() == Authorization.IAM_ROLE
        ? S3Credentials.iamRole(options.iamRole().orElseThrow())
        : S3Credentials.fromProviderChain();
  }

  @Override
  public Optional<String> copyErrors(Connection c, CopyFailedException failure) {
    return failure.start().flatMap(s -> LoadErrors.describe(c, s, !serverless));
  }

  @Override
  public String merge(ModeStatements mode) {
    return mode.mergeNamingTheTarget();
  }

  @Override
  public boolean appendsDirectly() {
    return false;
  }

  @Override
  public boolean truncateCommits() {
    return true;
  }

  @Override
  public boolean locksTarget() {
    return true;
  }

  @Override
  public boolean isRetryableConflict(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Serializable isolation violation")
        || message.contains("ERROR: " + RedshiftSql.ISOLATION_VIOLATION);
  }

  /**
   * The cluster's slices: the {@code slices} option, else {@code stv_slices}; empty on Serverless,
   * which has no slices to count (its staged files are sized by bytes instead). Runs outside the
   * load's transaction and ends its own.
   */
  public OptionalInt slices(Connection c) throws SQLException {
    if (options.slices().isPresent()) {
      return options.slices();
    }
    if (serverless) {
      return OptionalInt.empty();
    }
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.SLICES)) {
      rows.next();
      int slices = rows.getInt(1);
      c.commit();
      return slices > 0 ? OptionalInt.of(slices) : OptionalInt.empty();
    } catch (SQLException e) {
      c.rollback();
      return OptionalInt.empty();
    }
  }

  /**
   * Whether quoted identifiers keep their case in this session ({@code
   * enable_case_sensitive_identifier}); when off, Redshift folds every identifier to lower case.
   * Runs outside the load's transaction and ends its own.
   */
  public boolean caseSensitive(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.CASE_SENSITIVE)) {
      boolean on = rows.next() && "on".equalsIgnoreCase(rows.getString(1).trim());
      c.commit();
      return on;
    }
  }
}
