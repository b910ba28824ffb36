package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an ingest reads from its source: a table (with optional columns and predicate) or a query
 * the user wrote. Identifiers are always quoted for the source's dialect; the predicate and the
 * query are the user's SQL and pass as written.
 *
 * <p>Ferry adds conditions of its own (a partition's split range, an incremental range, a sample):
 * on a table they join the WHERE clause; in a query they replace {@value #CONDITIONS}, else the
 * query is wrapped in a sub-select.
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

  /** The placeholder a parallel query marks its WHERE clause with, as in Sqoop. */
  public static final String CONDITIONS = "$CONDITIONS";

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

  /** Whether the user's query marks where Ferry's conditions go. */
  public boolean hasConditions() {
    return query.map(q -> q.contains(CONDITIONS)).orElse(false);
  }

  /** The SELECT as ANSI SQL without conditions, for plans. */
  public String sql() {
    return select(ANSI, List.of(), Optional.empty());
  }

  /**
   * The SELECT the source database runs.
   *
   * @param conditions SQL predicates that must all hold, each parenthesised
   * @param tableSample a clause following the table name (tables only)
   */
  public String select(Dialect dialect, List<String> conditions, Optional<String> tableSample) {
    String projection = columns.isEmpty() ? "*" : SqlIdentifier.list(columns, dialect::quote);
    return project(dialect, projection, conditions, tableSample);
  }

  /**
   * A SELECT of {@code projection} (e.g. {@code min(x), max(x)}) over the source's rows under the
   * same conditions: over the table itself, or over the query as a sub-select.
   */
  public String project(
      Dialect dialect, String projection, List<String> conditions, Optional<String> tableSample) {
    if (table.isPresent()) {
      List<String> all = new ArrayList<>();
      where.ifPresent(all::add);
      all.addAll(conditions);
      String from = dialect.quote(table.get()) + tableSample.map(s -> " " + s).orElse("");
      return "SELECT " + projection + " FROM " + from + whereClause(all);
    }
    String q = userQuery();
    if (q.contains(CONDITIONS)) {
      String replaced = q.replace(CONDITIONS, conjunction(conditions));
      return projection.equals("*")
          ? replaced
          : "SELECT " + projection + " FROM (" + replaced + "\n) ferry_source";
    }
    if (conditions.isEmpty() && projection.equals("*")) {
      return q;
    }
    return "SELECT " + projection + " FROM (" + q + "\n) ferry_source" + whereClause(conditions);
  }

  /**
   * How a condition refers to {@code column}: the column itself on a table; on a query, the column
   * as written when it goes into {@value #CONDITIONS}, else its output name.
   */
  public String reference(Dialect dialect, SqlIdentifier column) {
    if (table.isPresent() || hasConditions()) {
      return dialect.quote(column);
    }
    return dialect.quote(SqlIdentifier.of(column.name()));
  }

  /**
   * How a projection over the source's rows (see {@link #project}) refers to {@code column}: on a
   * query, which is wrapped in a sub-select, by its output name.
   */
  public String projected(Dialect dialect, SqlIdentifier column) {
    return table.isPresent()
        ? dialect.quote(column)
        : dialect.quote(SqlIdentifier.of(column.name()));
  }

  /** The user's query minus trailing semicolons, which would break a sub-select around it. */
  private String userQuery() {
    return query.orElseThrow().strip().replaceAll("[;\\s]+$", "");
  }

  private static String whereClause(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + conjunction(conditions);
  }

  private static String conjunction(List<String> conditions) {
    if (conditions.isEmpty()) {
      return "1 = 1";
    }
    return conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));
  }

  /** What is read, for messages and plans: {@code table "sales"."orders"} or {@code query}. */
  public String describe() {
    return table.map(t -> "table " + t.quoted()).orElse("query");
  }

  private static final Dialect ANSI = Dialect.ansi();
}
