package io.ferry.sink.redshift.postgres;

import static java.util.Objects.requireNonNull;

import io.ferry.core.job.ConnectionSpec;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.table.ColumnDefinition;
import io.ferry.sink.redshift.table.ColumnMatch;
import io.ferry.sink.redshift.table.CreateTableStatement;
import io.ferry.sink.redshift.table.TargetTable;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends staged CSV files to a PostgreSQL table in one transaction on one pgjdbc connection:
 * create the table if asked and missing, COPY every file into a temporary table, check the row
 * count against what was staged, INSERT into the target, COMMIT. Any failure rolls back, so the
 * target is exactly as it was (PostgreSQL's DDL is transactional too).
 */
public final class PostgresAppend {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresAppend.class);
  private static final int COPY_BUFFER_BYTES = 1 << 16;

  private final ConnectionSpec connection;
  private final AppendStatements statements;
  private final boolean createTable;

  public PostgresAppend(
      ConnectionSpec connection, AppendStatements statements, boolean createTable) {
    this.connection = requireNonNull(connection, "connection");
    this.statements = requireNonNull(statements, "statements");
    this.createTable = createTable;
  }

  /**
   * @param columns the input's columns, typed for creating a missing table
   * @param fs the file system the staged files live on
   * @return rows inserted into the target
   */
  public long load(StagedFiles staged, List<ColumnDefinition> columns, FileSystem fs)
      throws SQLException, IOException {
    try (Connection c = PostgresConnections.open(connection)) {
      c.setAutoCommit(false);
      try {
        long inserted = loadInTransaction(c, staged, columns, fs);
        c.commit();
        return inserted;
      } catch (SQLException | IOException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    }
  }

  private long loadInTransaction(
      Connection c, StagedFiles staged, List<ColumnDefinition> columns, FileSystem fs)
      throws SQLException, IOException {
    TargetTable target = target(c, columns);
    String columnList =
        AppendStatements.columnList(ColumnMatch.targetColumns(staged.columns(), target));
    execute(c, statements.createStaging(columnList));
    long copied = copy(c, statements.copy(columnList), staged, fs);
    if (copied != staged.rows()) {
      throw new IllegalStateException(
          "COPY read "
              + copied
              + " rows from "
              + staged.folder()
              + " but Spark staged "
              + staged.rows()
              + "; nothing was loaded");
    }
    try (Statement s = c.createStatement()) {
      return s.executeLargeUpdate(statements.insert(columnList));
    }
  }

  private TargetTable target(Connection c, List<ColumnDefinition> columns) throws SQLException {
    var existing = TargetTable.find(c, statements.target());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (!createTable) {
      throw new IllegalStateException(
          "table "
              + statements.target().quoted()
              + " does not exist or is not visible to the connection's user; create it, or set"
              + " create-table = true");
    }
    CreateTableStatement create = new CreateTableStatement(statements.target(), columns);
    if (create.createSchemaSql().isPresent()) {
      execute(c, create.createSchemaSql().get());
    }
    execute(c, create.createTableSql());
    LOG.info("Created table {}", statements.target().quoted());
    return TargetTable.find(c, statements.target())
        .orElseThrow(() -> new IllegalStateException("table created but not found in catalog"));
  }

  private static long copy(Connection c, CopyStatement copy, StagedFiles staged, FileSystem fs)
      throws SQLException, IOException {
    CopyManager copier = c.unwrap(PGConnection.class).getCopyAPI();
    long rows = 0;
    for (Path file : staged.files()) {
      try (InputStream in = fs.open(file)) {
        rows += copier.copyIn(copy.sql(), in, COPY_BUFFER_BYTES);
      } catch (SQLException e) {
        throw new SQLException(
            "COPY of staged file " + file.getName() + " failed: " + e.getMessage(),
            e.getSQLState(),
            e);
      }
    }
    return rows;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
