package io.ferry.ingest.jdbc.split;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.SourceQuery;
import io.ferry.ingest.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the partitions of one read on the driver, through one connection to the source: picks the
 * split column (configured, else a single-column integer primary key), checks that it can be split,
 * finds its bounds (min/max, or the user's boundary query) or quantiles, and writes one predicate
 * per partition.
 */
public final class SplitPlanner {
  private final Dialect dialect;
  private final SourceQuery source;
  private final SplitSettings settings;
  private final int queryTimeoutSeconds;

  public SplitPlanner(
      Dialect dialect, SourceQuery source, SplitSettings settings, int queryTimeoutSeconds) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.source = requireNonNull(source, "source");
    this.settings = requireNonNull(settings, "settings");
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /** The column chosen to split on, or why there is none. */
  public record Choice(Optional<SplitColumn> column, String reason) {}

  /**
   * Chooses the split column.
   *
   * @throws SplitException when the configured column cannot be split
   */
  public Choice choose(Connection connection) throws SQLException {
    if (!settings.predicates().isEmpty()) {
      return new Choice(Optional.empty(), "explicit predicates");
    }
    if (settings.splitBy().isPresent()) {
      SplitColumn column =
          probe().probe(connection, settings.splitBy().get(), ColumnProbe.Role.SPLIT);
      if (column.type() == SplitColumnType.TEXT && !settings.allowText()) {
        throw new SplitException(
            "split column "
                + column.reference()
                + " is text ("
                + column.databaseType()
                + "); text splits are uneven and depend on collation, so set allow-text-split ="
                + " true to use it, or split by an integer, decimal, date or timestamp column");
      }
      return new Choice(Optional.of(column), "split-by " + column.reference());
    }
    if (settings.partitions() == 1) {
      return new Choice(Optional.empty(), "partitions = 1");
    }
    if (source.table().isEmpty()) {
      return new Choice(Optional.empty(), "a query without split-by reads in one partition");
    }
    List<String> keys = primaryKey(connection, source.table().get());
    if (keys.size() != 1) {
      return new Choice(
          Optional.empty(),
          keys.isEmpty()
              ? "no split-by and the table has no primary key; set split-by to read in parallel"
              : "no split-by and the primary key has "
                  + keys.size()
                  + " columns; set split-by to read in parallel");
    }
    SqlIdentifier keyName = SqlIdentifier.of(keys.get(0));
    Optional<SplitColumn> key = integerColumn(connection, keyName);
    if (key.isEmpty()) {
      return new Choice(
          Optional.empty(),
          "no split-by and the primary key "
              + dialect.quote(keyName)
              + " is not an integer; set split-by to read in parallel");
    }
    return new Choice(key, "primary key " + key.get().reference());
  }

  private Optional<SplitColumn> integerColumn(Connection connection, SqlIdentifier name)
      throws SQLException {
    try {
      SplitColumn column = probe().probe(connection, name, ColumnProbe.Role.SPLIT);
      return column.type() == SplitColumnType.INTEGER ? Optional.of(column) : Optional.empty();
    } catch (SplitException e) {
      return Optional.empty();
    }
  }

  private ColumnProbe probe() {
    return ColumnProbe.of(dialect, source, queryTimeoutSeconds);
  }

  /**
   * Plans the partitions.
   *
   * @param conditions predicates every partition shares (incremental range, sample)
   * @param tableSample a sample clause for the table, if any
   */
  public SplitPlan plan(
      Connection connection, Choice choice, List<String> conditions, Optional<String> tableSample)
      throws SQLException {
    if (!settings.predicates().isEmpty()) {
      return new SplitPlan(
          settings.predicates().stream().map(Optional::of).toList(),
          settings.predicates().size() + " explicit predicates");
    }
    if (choice.column().isEmpty()) {
      return SplitPlan.single("one partition: " + choice.reason());
    }
    SplitColumn column = choice.column().get();
    int parts = settings.partitions();
    if (parts == 1) {
      return SplitPlan.single("one partition: partitions = 1");
    }
    boolean quantile =
        settings.strategy() == SplitStrategy.QUANTILE || !column.type().hasArithmetic();
    List<Object> boundaries;
    String how;
    if (quantile) {
      boundaries = quantiles(connection, column, conditions, tableSample, parts);
      how = "quantile";
    } else {
      Object[] bounds = bounds(connection, column, conditions, tableSample);
      if (bounds[0] == null || bounds[1] == null) {
        return SplitPlan.single("one partition: " + column.reference() + " has no values");
      }
      boundaries =
          SplitRanges.evenBoundaries(column.type(), bounds[0], bounds[1], parts, column.scale());
      how = "range " + column.type().format(bounds[0]) + " to " + column.type().format(bounds[1]);
    }
    List<Optional<String>> predicates = SplitRanges.predicates(column, boundaries);
    return new SplitPlan(
        predicates, predicates.size() + " partitions on " + choice.reason() + " (" + how + ")");
  }

  /**
   * The split column's smallest and largest value under {@code conditions} (never the user's
   * boundary query), or empty when it holds no value.
   */
  public Optional<Object[]> extent(
      Connection connection, SplitColumn column, List<String> conditions) throws SQLException {
    String p = source.projected(dialect, column.name());
    String sql =
        source.project(dialect, "min(" + p + "), max(" + p + ")", conditions, Optional.empty());
    try (Statement statement = statement(connection);
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      Object min = column.type().read(rs, 1);
      Object max = column.type().read(rs, 2);
      return min == null || max == null ? Optional.empty() : Optional.of(new Object[] {min, max});
    }
  }

  private Object[] bounds(
      Connection connection,
      SplitColumn column,
      List<String> conditions,
      Optional<String> tableSample)
      throws SQLException {
    String p = source.projected(dialect, column.name());
    String sql =
        settings
            .boundaryQuery()
            .orElseGet(
                () ->
                    source.project(
                        dialect, "min(" + p + "), max(" + p + ")", conditions, tableSample));
    try (Statement statement = statement(connection);
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SplitException(
            "boundary-query returned no row; it must return one row (min, max)");
      }
      if (rs.getMetaData().getColumnCount() != 2) {
        throw new SplitException(
            "boundary-query must return two columns (min, max), found "
                + rs.getMetaData().getColumnCount());
      }
      return new Object[] {column.type().read(rs, 1), column.type().read(rs, 2)};
    }
  }

  private List<Object> quantiles(
      Connection connection,
      SplitColumn column,
      List<String> conditions,
      Optional<String> tableSample,
      int parts)
      throws SQLException {
    String values =
        source.project(
            dialect,
            source.projected(dialect, column.name()) + " AS ferry_v",
            conditions,
            tableSample);
    List<Object> boundaries = new ArrayList<>();
    try (Statement statement = statement(connection);
        ResultSet rs = statement.executeQuery(dialect.quantileQuery(values, parts))) {
      while (rs.next()) {
        boundaries.add(column.type().read(rs, 1));
      }
    }
    return boundaries;
  }

  private List<String> primaryKey(Connection connection, SqlIdentifier table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    boolean catalogIsSchema = dialect.schemasAreCatalogs();
    String schema =
        table.schema().orElse(catalogIsSchema ? connection.getCatalog() : connection.getSchema());
    List<String> keys = new ArrayList<>();
    try (ResultSet rs =
        catalogIsSchema
            ? meta.getPrimaryKeys(schema, null, table.name())
            : meta.getPrimaryKeys(null, schema, table.name())) {
      while (rs.next()) {
        keys.add(rs.getString("COLUMN_NAME"));
      }
    }
    return keys;
  }

  private Statement statement(Connection connection) throws SQLException {
    Statement statement = connection.createStatement();
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }
}
