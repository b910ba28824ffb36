package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.table.TableLayout;
import java.util.List;
import java.util.Locale;
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
 * @param widenColumns whether an existing table's varchar columns too short for the staged values
 *     are widened before the load (Redshift, outside the load's transaction)
 */
public record LoadSettings(
    String connection,
    SqlIdentifier table,
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
    boolean widenColumns) {

  public LoadSettings {
    requireNonNull(connection, "connection");
    requireNonNull(table, "table");
    requireNonNull(mode, "mode");
    mergeKeys = List.copyOf(mergeKeys);
    requireNonNull(dedupeBy, "dedupeBy");
    preSql = List.copyOf(preSql);
    postSql = List.copyOf(postSql);
    requireNonNull(schemaEvolution, "schemaEvolution");
    requireNonNull(maxLength, "maxLength");
    requireNonNull(layout, "layout");
  }

  /**
   * The same settings with the table and the layout's column names in lower case, as Redshift
   * stores identifiers while {@code enable_case_sensitive_identifier} is off.
   */
  public LoadSettings foldedToLowerCase() {
    return new LoadSettings(
        connection,
        new SqlIdentifier(table.parts().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList()),
        mode,
        createTable,
        mergeKeys,
        dedupeBy,
        preSql,
        postSql,
        schemaEvolution,
        maxLength,
        layout.foldedToLowerCase(),
        keepStaged,
        widenColumns);
  }
}
