package io.ferry.ingest.jdbc.dialect;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.types.SourceColumn;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * PostgreSQL: double-quoted identifiers; a fetch size streams only with autocommit off (Spark's
 * PostgreSQL dialect and the direct reader both turn it off); quantiles through {@code
 * percentile_disc}; samples through {@code TABLESAMPLE BERNOULLI ... REPEATABLE}; one snapshot
 * shared by the planner and every partition ({@code pg_export_snapshot}, {@code SET TRANSACTION
 * SNAPSHOT}).
 */
final class PostgresDialect implements Dialect {
  /** The seed of every sample, so a sample of unchanged data is the same rows on every run. */
  static final int SAMPLE_SEED = 20_261_124;

  /** What pg_export_snapshot() returns, e.g. {@code 00000003-0000001B-1}. */
  private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String quote(SqlIdentifier identifier) {
    return identifier.quoted();
  }

  @Override
  public Optional<String> defaultDriver() {
    return Optional.of("org.postgresql.Driver");
  }

  @Override
  public Map<String, String> streamingProperties() {
    return Map.of();
  }

  /**
   * Dates and date-times as ISO text ({@code DateStyle} is ISO in every session), instants in UTC.
   */
  @Override
  public Optional<String> exactSelect(SourceColumn column, String quoted) {
    return switch (column.typeName()) {
      case "timestamptz" -> Optional.of("(" + quoted + " AT TIME ZONE 'UTC')::text");
      case "timestamp", "date" -> Optional.of(quoted + "::text");
      default -> Optional.empty();
    };
  }

  @Override
  public List<String> sessionSetup() {
    return List.of(
        "SET TIME ZONE 'UTC'",
        "SET DateStyle = 'ISO, YMD'",
        "SET IntervalStyle = 'iso_8601'",
        "SET extra_float_digits = 3",
        "SET bytea_output = 'hex'");
  }

  @Override
  public String isolationStatement(String level) {
    return "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + level;
  }

  @Override
  public Optional<String> tableSample(double fraction) {
    String percent = BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString();
    return Optional.of("TABLESAMPLE BERNOULLI (" + percent + ") REPEATABLE (" + SAMPLE_SEED + ")");
  }

  @Override
  public String quantileQuery(String values, int parts) {
    String fractions =
        IntStream.range(1, parts)
            .mapToObj(i -> BigDecimal.valueOf(i).divide(BigDecimal.valueOf(parts), 6, 4))
            .map(BigDecimal::toPlainString)
            .collect(Collectors.joining(", "));
    return "SELECT unnest(percentile_disc(ARRAY["
        + fractions
        + "]::float8[]) WITHIN GROUP (ORDER BY ferry_v)) FROM ("
        + values
        + "\n) ferry_q WHERE ferry_v IS NOT NULL";
  }

  /**
   * As {@code pg_dump --jobs}: a read-only transaction whose session never times out while idle (it
   * waits for the partitions); a standby exports snapshots too (PostgreSQL 10 and later).
   */
  @Override
  public List<String> planningTransaction(String level) {
    return List.of(
        "SET idle_in_transaction_session_timeout = 0",
        "BEGIN ISOLATION LEVEL " + level + ", READ ONLY");
  }

  @Override
  public Optional<String> exportSnapshotQuery() {
    return Optional.of("SELECT pg_export_snapshot()");
  }

  @Override
  public List<String> importSnapshot(String id, String level) {
    if (!SNAPSHOT_ID.matcher(id).matches()) {
      throw new IllegalStateException("unexpected snapshot identifier from the server: " + id);
    }
    return List.of(
        "BEGIN ISOLATION LEVEL " + level + ", READ ONLY", "SET TRANSACTION SNAPSHOT '" + id + "'");
  }

  @Override
  public boolean supportsCopy() {
    return true;
  }
}
