package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.job.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.sink.redshift.postgres.AppendStatements;
import io.ferry.sink.redshift.postgres.PostgresAppend;
import io.ferry.sink.redshift.staging.CsvStaging;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.table.ColumnDefinition;
import io.ferry.sink.redshift.table.CreateTableStatement;
import io.ferry.sink.redshift.table.PostgresColumnTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redshift-load} stage: stages its input as CSV in {@code
 * _staging/<job>/<stage>/<run-id>}, loads the files into the target table in one transaction, and
 * deletes them once the load committed. A failed load leaves the target as it was and keeps the
 * staged files for inspection; a rerun of the run id replaces them.
 */
public final class RedshiftLoadStage implements Stage, ExplainsPlan {
  private static final Logger LOG = LoggerFactory.getLogger(RedshiftLoadStage.class);
  private static final String INPUT_COLUMNS = "<input columns>";

  private final String name;
  private final Optional<String> input;
  private final LoadSettings settings;

  RedshiftLoadStage(String name, Optional<String> input, LoadSettings settings) {
    this.name = requireNonNull(name, "name");
    this.input = requireNonNull(input, "input");
    this.settings = requireNonNull(settings, "settings");
    if (settings.dialect() != Dialect.POSTGRES) {
      throw new IllegalArgumentException(
          "stage '" + name + "': only dialect postgres is implemented in this release");
    }
  }

  @Override
  public StageOutput run(StageContext context) {
    ConnectionSpec connection = context.connection(settings.connection());
    Dataset<Row> rows = context.input();
    List<ColumnDefinition> columns = columns(rows);
    Lake lake = context.lake();
    Path folder = lake.staging(context.run().job(), name, context.run().runId());
    StagedFiles staged = stage(rows, folder, lake);
    context.metrics().rowsIn(staged.rows());
    LOG.info(
        "Stage '{}' staged {} rows in {} files at {}",
        name,
        staged.rows(),
        staged.files().size(),
        folder);
    long loaded = load(connection, staged, columns, lake);
    context.metrics().rowsOut(loaded);
    LOG.info("Stage '{}' loaded {} rows into {}", name, loaded, settings.table().quoted());
    deleteStaged(lake, folder);
    return StageOutput.none();
  }

  private StagedFiles stage(Dataset<Row> rows, Path folder, Lake lake) {
    try {
      return CsvStaging.stage(rows, folder, lake.fileSystem(folder));
    } catch (Exception e) {
      throw new IllegalStateException(
          "stage '" + name + "': cannot stage the input as CSV files in " + folder, e);
    }
  }

  /**
   * The load has committed, so failing the stage now would invite a rerun that appends the rows a
   * second time; leftover files only cost storage, and a rerun of the run id replaces them.
   */
  private void deleteStaged(Lake lake, Path folder) {
    try {
      lake.delete(folder);
    } catch (UncheckedIOException e) {
      LOG.warn(
          "Stage '{}' loaded its rows but could not delete the staged files at {}: {}",
          name,
          folder,
          Redactor.global().describe(e));
    }
  }

  private List<ColumnDefinition> columns(Dataset<Row> rows) {
    try {
      return new PostgresColumnTypes().columns(rows.schema());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stage '" + name + "': " + e.getMessage(), e);
    }
  }

  private long load(
      ConnectionSpec connection, StagedFiles staged, List<ColumnDefinition> columns, Lake lake) {
    PostgresAppend append =
        new PostgresAppend(
            connection, AppendStatements.into(settings.table()), settings.createTable());
    try {
      return append.load(staged, columns, lake.fileSystem(staged.folder()));
    } catch (SQLException | IOException | RuntimeException e) {
      throw LoadException.of(name, settings.table(), connection, e);
    }
  }

  @Override
  public StagePlan explain() {
    AppendStatements statements = AppendStatements.into(settings.table());
    List<String> sql = new ArrayList<>();
    if (settings.createTable()) {
      sql.add(CreateTableStatement.createTableSql(settings.table(), "<input columns and types>"));
    }
    sql.add(statements.createStaging(INPUT_COLUMNS));
    sql.add(statements.copy(INPUT_COLUMNS).sql());
    sql.add(statements.insert(INPUT_COLUMNS));
    return new StagePlan(
        List.of(input.map(i -> "dataset " + i).orElse("the previous stage's output")),
        List.of(
            "<lake.root>/_staging/<job>/" + name + "/<run-id>",
            "connection '" + settings.connection() + "' table " + settings.table().quoted()),
        sql);
  }
}
