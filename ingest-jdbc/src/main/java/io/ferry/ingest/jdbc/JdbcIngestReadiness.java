package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.StageProblems;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.source.SourceConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ferry check} for a {@code jdbc-ingest} stage: opens a session as the stage's readers do,
 * asks the source for no rows of the table (then of the table under {@code where}, or of the query)
 * so that the database itself says whether the table, the columns and the SQL are right, and checks
 * that every column the stage names ({@code columns}, {@code split-by}, {@code incremental.column},
 * {@code merge-keys}, {@code partition-by}, {@code column-types}) is among the columns read. Reads
 * no rows and writes nothing.
 */
final class JdbcIngestReadiness {
  private static final String NO_ROWS = "1 = 0";
  private static final int TIMEOUT_SECONDS = 60;

  private final IngestSettings settings;

  JdbcIngestReadiness(IngestSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  void check(PreflightContext context) {
    StageProblems problems = context.problems();
    ConnectionSpec connection = context.connection(settings.connection());
    Dialect dialect = Dialect.of(connection);
    SourceConnection source = settings.sourceConnection(connection, dialect, TIMEOUT_SECONDS);
    try (Connection c = source.open()) {
      SourceQuery query = settings.source();
      Optional<Set<String>> columns;
      if (query.table().isPresent()) {
        String table = dialect.quote(query.table().get());
        columns = probe(c, "SELECT * FROM " + table + " WHERE " + NO_ROWS, "table", problems);
        if (columns.isPresent() && query.where().isPresent()) {
          String where = "SELECT * FROM " + table + " WHERE (" + query.where().get() + ")";
          probe(c, where + " AND " + NO_ROWS, "where", problems);
        }
        columns.ifPresent(all -> requireColumns(all, "columns", query.columns(), problems));
      } else {
        columns =
            probe(c, query.select(dialect, List.of(NO_ROWS), Optional.empty()), "query", problems);
      }
      columns.ifPresent(all -> requireNamedColumns(all, problems));
    } catch (SQLException e) {
      context.cannotLogIn(connection, "the source database", e);
    }
  }

  /** Runs a statement that returns no rows; the columns it would return, lower case. */
  private static Optional<Set<String>> probe(
      Connection c, String sql, String key, StageProblems problems) {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(TIMEOUT_SECONDS);
      try (ResultSet rows = s.executeQuery(sql)) {
        ResultSetMetaData meta = rows.getMetaData();
        Set<String> names = new TreeSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return Optional.of(names);
      }
    } catch (SQLException e) {
      problems.add(key, "the source rejects it: " + e.getMessage() + "; fix '" + key + "'");
      return Optional.empty();
    }
  }

  private void requireNamedColumns(Set<String> all, StageProblems problems) {
    settings
        .split()
        .splitBy()
        .ifPresent(c -> requireColumns(all, "split-by", List.of(c), problems));
    settings
        .incremental()
        .ifPresent(i -> requireColumns(all, "incremental.column", List.of(i.column()), problems));
    requireColumns(all, "merge-keys", settings.mergeKey(), problems);
    settings.partitionBy().forEach(c -> requireColumn(all, "partition-by", c, problems));
    settings.columnTypes().keySet().forEach(c -> requireColumn(all, "column-types", c, problems));
  }

  private static void requireColumns(
      Set<String> all, String key, List<SqlIdentifier> named, StageProblems problems) {
    named.forEach(c -> requireColumn(all, key, c.name(), problems));
  }

  private static void requireColumn(
      Set<String> all, String key, String column, StageProblems problems) {
    if (!all.contains(column.toLowerCase(Locale.ROOT))) {
      problems.add(
          key,
          "the source has no column '"
              + column
              + "'; its columns are "
              + all
              + ". Name one of them in '"
              + key
              + "'");
    }
  }
}
