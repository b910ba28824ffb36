package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an ingest reads from its source: a table (with optional columns and predicate) or a query
 * the user wrote. Identifiers are always quoted; the predicate and the query are the user's SQL and
 * pass as written.
 *
 * @param table the table, when the stage names one
 * @param columns the columns to read; empty reads every column
 * @param where a predicate on the table, as written
 * @param query the user's SELECT, when the stage names no table
 */
public record SourceQuery(
    Optional<SqlIdentifier> table,
    List<SqlIdentifier> columns,
    Optional<String> where,
    Optional<String> query) {

  public SourceQuery {
    requireNonNull(table, "table");
    columns = List.copyOf(columns);
    requireNonNull(where, "where");
    requireNonNull(query, "query");
    if (table.isPresent() == query.isPresent()) {
      throw new IllegalArgumentException("a source is either a table or a query");
    }
  }

  public static SourceQuery ofTable(
      SqlIdentifier table, List<SqlIdentifier> columns, Optional<String> where) {
    return new SourceQuery(Optional.of(table), columns, where, Optional.empty());
  }

  public static SourceQuery ofQuery(String query) {
    return new SourceQuery(Optional.empty(), List.of(), Optional.empty(), Optional.of(query));
  }

  /**
   * The SELECT the source database runs. A query keeps its text, minus trailing semicolons, which
   * would break the sub-select Spark wraps around it.
   */
  public String sql() {
    if (query.isPresent()) {
      return query.get().strip().replaceAll("[;\\s]+$", "");
    }
    String select =
        columns.isEmpty()
            ? "*"
            : columns.stream().map(SqlIdentifier::quoted).collect(Collectors.joining(", "));
    String sql = "SELECT " + select + " FROM " + table.orElseThrow().quoted();
    return where.map(w -> sql + " WHERE (" + w + ")").orElse(sql);
  }

  /** What is read, for messages and plans: {@code table "sales"."orders"} or {@code query}. */
  public String describe() {
    return table.map(t -> "table " + t.quoted()).orElse("query");
  }
}
