package io.ferry.sink.redshift.postgres;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements of an append load, for one target and its session-private staging table. Column
 * lists are quoted lists such as {@code "id", "amount"}; plans pass a placeholder instead.
 */
public record AppendStatements(SqlIdentifier target, SqlIdentifier staging) {
  /** The staging table: temporary, so it lives only as long as the load's connection. */
  public static final SqlIdentifier STAGING_TABLE = SqlIdentifier.of("ferry_staging");

  public AppendStatements {
    requireNonNull(target, "target");
    requireNonNull(staging, "staging");
  }

  public static AppendStatements into(SqlIdentifier target) {
    return new AppendStatements(target, STAGING_TABLE);
  }

  /** {@code "a", "b"} for column names as the catalog spells them. */
  public static String columnList(List<String> columns) {
    return columns.stream()
        .map(c -> SqlIdentifier.of(c).quoted())
        .collect(Collectors.joining(", "));
  }

  /**
   * A temporary table with the target's types for the loaded columns only, without the target's
   * constraints, so that columns the input lacks do not trip NOT NULL before defaults apply.
   */
  public String createStaging(String columnList) {
    return "CREATE TEMP TABLE "
        + staging.quoted()
        + " AS SELECT "
        + columnList
        + " FROM "
        + target.quoted()
        + " WITH NO DATA";
  }

  public CopyStatement copy(String columnList) {
    return new CopyStatement(staging, columnList);
  }

  public String insert(String columnList) {
    return "INSERT INTO "
        + target.quoted()
        + " ("
        + columnList
        + ") SELECT "
        + columnList
        + " FROM "
        + staging.quoted();
  }
}
