package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.redshift.RedshiftOptions;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.TableLayout;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The validated options of one {@code redshift-load} stage.
 *
 * @param connection name of the warehouse connection
 * @param table the target table
 * @param createTable whether a missing schema and table are created from the input's columns
 * @param mergeKeys the columns that identify a row in {@code merge} mode, as the input names them
 * @param dedupeBy the column whose greatest value wins among input rows with equal merge keys
 * @param preSql statements run inside the load's transaction before the data moves
 * @param postSql statements run inside the load's transaction after the data moved
 * @param maxLength the varchar size in bytes of created string columns, instead of measuring
 * @param layout Redshift distribution, sort keys and column encodings of a created table
 * @param keepStaged whether the staged files stay in the lake after the load committed
 * @param redshift the options only the Redshift dialect reads
 * @param postgresFormat the postgres dialect's staging format: binary COPY (default) or CSV
 */
public record LoadSettings(
    String connection,
    SqlIdentifier table,
    Dialect dialect,
    LoadMode mode,
    boolean createTable,
    List<String> mergeKeys,
    Optional<String> dedupeBy,
    List<String> preSql,
    List<String> postSql,
    SchemaEvolution schemaEvolution,
    OptionalInt maxLength,
    TableLayout layout,
    boolean keepStaged,
    RedshiftOptions redshift,
    StagingFormat postgresFormat) {

  public LoadSettings {
    requireNonNull(connection, "connection");
    requireNonNull(table, "table");
    requireNonNull(dialect, "dialect");
    requireNonNull(mode, "mode");
    mergeKeys = List.copyOf(mergeKeys);
    requireNonNull(dedupeBy, "dedupeBy");
    preSql = List.copyOf(preSql);
    postSql = List.copyOf(postSql);
    requireNonNull(schemaEvolution, "schemaEvolution");
    requireNonNull(maxLength, "maxLength");
    requireNonNull(layout, "layout");
    requireNonNull(redshift, "redshift");
    requireNonNull(postgresFormat, "postgresFormat");
    if (postgresFormat == StagingFormat.PARQUET) {
      throw new IllegalArgumentException("the postgres dialect stages binary or csv files");
    }
  }
}
