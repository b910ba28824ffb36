package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Creates a missing target table (and its schema) with columns named and typed after the input,
 * laid out as {@code layout} says (Redshift only).
 */
public record CreateTableStatement(
    SqlIdentifier table, List<ColumnDefinition> columns, TableLayout layout) {

  public CreateTableStatement {
    requireNonNull(table, "table");
    columns = List.copyOf(columns);
    requireNonNull(layout, "layout");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
  }

  public CreateTableStatement(SqlIdentifier table, List<ColumnDefinition> columns) {
    this(table, columns, TableLayout.NONE);
  }

  /** {@code CREATE SCHEMA IF NOT EXISTS}, when the table names a schema. */
  public Optional<String> createSchemaSql() {
    return createSchemaSql(table);
  }

  /** {@code CREATE SCHEMA IF NOT EXISTS} for the schema of {@code table}, if it names one. */
  public static Optional<String> createSchemaSql(SqlIdentifier table) {
    if (table.schema().isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = table.parts();
    SqlIdentifier schema = new SqlIdentifier(parts.subList(0, parts.size() - 1));
    return Optional.of("CREATE SCHEMA IF NOT EXISTS " + schema.quoted());
  }

  public String createTableSql() {
    return createTableSql(
            table,
            columns.stream()
                .map(c -> c.sql() + layout.columnSuffix(c.name()))
                .collect(Collectors.joining(", ")))
        + layout.tableSuffix();
  }

  /** The statement with the column definitions as given, e.g. a placeholder in plans. */
  public static String createTableSql(SqlIdentifier table, String columnDefinitions) {
    return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (" + columnDefinitions + ")";
  }

  /** {@code ALTER TABLE ... ADD COLUMN}, one statement per column as Redshift requires. */
  public static List<String> addColumnsSql(SqlIdentifier table, List<ColumnDefinition> added) {
    return added.stream()
        .map(c -> "ALTER TABLE " + table.quoted() + " ADD COLUMN " + c.sql())
        .toList();
  }
}
