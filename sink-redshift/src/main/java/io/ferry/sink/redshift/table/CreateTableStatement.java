package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Creates a missing target table (and its schema) with columns named and typed after the input. */
public record CreateTableStatement(SqlIdentifier table, List<ColumnDefinition> columns) {

  public CreateTableStatement {
    requireNonNull(table, "table");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
  }

  /** {@code CREATE SCHEMA IF NOT EXISTS}, when the table names a schema. */
  public Optional<String> createSchemaSql() {
    if (table.schema().isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = table.parts();
    SqlIdentifier schema = new SqlIdentifier(parts.subList(0, parts.size() - 1));
    return Optional.of("CREATE SCHEMA IF NOT EXISTS " + schema.quoted());
  }

  public String createTableSql() {
    return createTableSql(
        table, columns.stream().map(ColumnDefinition::sql).collect(Collectors.joining(", ")));
  }

  /** The statement with the column definitions as given, e.g. a placeholder in plans. */
  public static String createTableSql(SqlIdentifier table, String columnDefinitions) {
    return "CREATE TABLE IF NOT EXISTS " + table.quoted() + " (" + columnDefinitions + ")";
  }
}
