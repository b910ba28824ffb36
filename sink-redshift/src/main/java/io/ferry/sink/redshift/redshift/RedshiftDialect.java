package io.ferry.sink.redshift.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.CopyFailedException;
import io.ferry.sink.redshift.WarehouseDialect;
import io.ferry.sink.redshift.staging.StagedFiles;
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

/**
 * Amazon Redshift: one COPY of the staged files, listed by their manifest, into the session's
 * staging table, then {@code pg_last_copy_count()} for the verification. TRUNCATE commits.
 */
public final class RedshiftDialect implements WarehouseDialect {
  private final String manifestUrl;
  private final RedshiftOptions options;
  private final S3Credentials credentials;
  private final OptionalInt maxLength;

  /**
   * @param manifestUrl the staged files' manifest, {@code s3://...}
   * @param maxLength the varchar size of created string columns, instead of measuring
   */
  public RedshiftDialect(
      String manifestUrl,
      RedshiftOptions options,
      S3Credentials credentials,
      OptionalInt maxLength) {
    this.manifestUrl = requireNonNull(manifestUrl, "manifestUrl");
    this.options = requireNonNull(options, "options");
    this.credentials = requireNonNull(credentials, "credentials");
    this.maxLength = requireNonNull(maxLength, "maxLength");
  }

  @Override
  public ColumnTypes columnTypes(Map<String, Long> maxBytes) {
    return new RedshiftColumnTypes(maxBytes, maxLength);
  }

  public CopyCommand copyCommand(SqlIdentifier staging) {
    return new CopyCommand(
        staging, manifestUrl, options.stagingFormat(), credentials, options.copyOptions());
  }

  @Override
  public long copy(Connection c, SqlIdentifier staging, List<String> columns, StagedFiles staged)
      throws SQLException {
    CopyCommand copy = copyCommand(staging);
    try (Statement s = c.createStatement()) {
      s.execute(copy.sql());
    } catch (SQLException e) {
      throw new CopyFailedException("COPY from " + manifestUrl + " failed: " + e.getMessage(), e);
    }
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.LAST_COPY_COUNT)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public Optional<String> copyErrors(Connection c) {
    return LoadErrors.describe(c);
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
  public List<String> plannedCopy(SqlIdentifier staging, String columnList) {
    return List.of(copyCommand(staging).display(), RedshiftSql.LAST_COPY_COUNT);
  }

  /** The cluster's slices, from {@code stv_slices}. */
  public static int slices(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.SLICES)) {
      rows.next();
      return Math.max(1, rows.getInt(1));
    }
  }
}
