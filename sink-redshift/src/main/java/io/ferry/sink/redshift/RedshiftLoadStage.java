package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rank;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.CommitsRunWatermarks;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.core.state.RunWatermarks;
import io.ferry.core.state.StateSpec;
import io.ferry.sink.redshift.bookkeeping.LoadBook;
import io.ferry.sink.redshift.bookkeeping.WarehouseWatermarkStoreFactory;
import io.ferry.sink.redshift.bookkeeping.WatermarkTable;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.modes.StagingTable;
import io.ferry.sink.redshift.postgres.PipelinedCopy;
import io.ferry.sink.redshift.postgres.PostgresConnections;
import io.ferry.sink.redshift.postgres.PostgresDialect;
import io.ferry.sink.redshift.redshift.Authorization;
import io.ferry.sink.redshift.redshift.RedshiftConnections;
import io.ferry.sink.redshift.redshift.RedshiftDialect;
import io.ferry.sink.redshift.redshift.S3Credentials;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.Staging;
import io.ferry.sink.redshift.table.CreateTableStatement;
import io.ferry.sink.redshift.table.PostgresColumnTypes;
import io.ferry.sink.redshift.table.RedshiftColumnTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redshift-load} stage: stages its input in {@code _staging/<job>/<stage>/<run-id>} and
 * loads the files in one warehouse transaction ({@link LoadTransaction}) together with the run's
 * {@code ferry_loads} row and, when the state store is this warehouse, the run's watermarks; then
 * deletes the staged files unless {@code keep-staged}. Redshift: everything is staged (and the
 * manifest written) before the transaction opens. PostgreSQL: the transaction opens first, so an
 * already committed run id stages nothing, and each file is COPYed while Spark writes the others
 * ({@link PipelinedCopy}). A failed load leaves the target as it was and keeps the staged files for
 * inspection; a rerun of the run id replaces them, and a rerun after the load committed does
 * nothing.
 */
public final class RedshiftLoadStage implements Stage, ExplainsPlan, CommitsRunWatermarks {
  private static final Logger LOG = LoggerFactory.getLogger(RedshiftLoadStage.class);
  private static final String INPUT_COLUMNS = "<input columns>";
  private static final String RANK = "__ferry_dedupe_rank";
  private static final long TARGET_FILE_BYTES = 256L << 20;
  private static final int MAX_FILES_PER_SLICE = 16;

  private final String name;
  private final Optional<String> input;
  private final LoadSettings settings;
  private RunWatermarks watermarks = RunWatermarks.NONE;

  RedshiftLoadStage(String name, Optional<String> input, LoadSettings settings) {
    this.name = requireNonNull(name, "name");
    this.input = requireNonNull(input, "input");
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  public void acceptWatermarks(RunWatermarks watermarks) {
    this.watermarks = watermarks;
  }

  @Override
  public StageOutput run(StageContext context) {
    ConnectionSpec connection = context.connection(settings.connection());
    Dataset<Row> rows = prepare(context.input());
    Lake lake = context.lake();
    Path folder = lake.staging(context.run().job(), name, context.run().runId());
    FileSystem fs = lake.fileSystem(folder);
    try (Connection c = open(connection)) {
      c.setAutoCommit(false);
      LoadSource source;
      WarehouseDialect dialect;
      PipelinedCopy pipelined = null;
      if (settings.dialect() == Dialect.POSTGRES) {
        pipelined = new PipelinedCopy(rows, folder, fs, settings.postgresFormat());
        source = pipelined;
        dialect = new PostgresDialect(fs, settings.postgresFormat());
      } else {
        int slices = settings.redshift().slices().orElse(0);
        if (slices == 0) {
          slices = RedshiftDialect.slices(c);
          c.commit();
        }
        int files = slices * filesPerSlice(rows, slices);
        StagedFiles staged =
            stage(
                new Staging(
                    Staging.Reader.REDSHIFT,
                    settings.redshift().stagingFormat(),
                    OptionalInt.of(files)),
                rows,
                folder,
                fs);
        LOG.info(
            "Stage '{}' staged {} rows in {} files ({} bytes) at {}",
            name,
            staged.rows(),
            staged.files().size(),
            staged.bytes(),
            folder);
        String manifest = Manifest.write(staged, fs);
        source = LoadSource.staged(staged);
        dialect =
            new RedshiftDialect(manifest, settings.redshift(), credentials(), settings.maxLength());
      }
      LoadRequest request =
          new LoadRequest(
              context.run().job(),
              name,
              context.run().runId(),
              source,
              rows.schema(),
              watermarks.pending(),
              watermarkTable(watermarks.store()));
      LoadOutcome outcome =
          new LoadTransaction(dialect, settings, Clock.systemUTC()).run(c, request);
      long stagedRows = outcome.staged().map(StagedFiles::rows).orElse(0L);
      context.metrics().rowsIn(stagedRows);
      context.metrics().put("staged_files", outcome.staged().map(s -> s.files().size()).orElse(0));
      context.metrics().put("staged_bytes", outcome.staged().map(StagedFiles::bytes).orElse(0L));
      context.metrics().rowsOut(outcome.loaded());
      context.metrics().put("rows_staged", stagedRows);
      context.metrics().put("rows_copied", outcome.copied());
      context.metrics().put("already_committed", outcome.alreadyCommitted());
      if (pipelined != null && !outcome.alreadyCommitted()) {
        context.metrics().put("copy_format", pipelined.format().name().toLowerCase(Locale.ROOT));
        pipelined.fallback().ifPresent(f -> context.metrics().put("copy_fallback", f));
        if (pipelined.restarted()) {
          context.metrics().put("copy_restarted", true);
        }
      } else if (outcome.staged().isPresent()) {
        context
            .metrics()
            .put(
                "copy_format", settings.redshift().stagingFormat().name().toLowerCase(Locale.ROOT));
      }
      LOG.info(
          "Stage '{}' {} {} rows into {}",
          name,
          outcome.alreadyCommitted() ? "found run already committed with" : "loaded",
          outcome.loaded(),
          settings.table().quoted());
    } catch (SQLException | IOException | RuntimeException e) {
      throw LoadException.of(name, settings.table(), connection, e);
    }
    if (!settings.keepStaged()) {
      deleteStaged(lake, folder);
    }
    return StageOutput.none();
  }

  private Connection open(ConnectionSpec connection) throws SQLException {
    return settings.dialect() == Dialect.POSTGRES
        ? PostgresConnections.open(connection)
        : RedshiftConnections.open(connection);
  }

  /**
   * Checks the input's types and the named columns before anything is staged, and keeps only the
   * latest row per merge key when {@code dedupe-by} is set. Ties on the dedupe column survive, so
   * the duplicate-key check reports them instead of picking a row at random.
   */
  private Dataset<Row> prepare(Dataset<Row> rows) {
    try {
      if (settings.dialect() == Dialect.POSTGRES) {
        new PostgresColumnTypes().columns(rows.schema());
      } else {
        new RedshiftColumnTypes(Map.of(), OptionalInt.of(1)).columns(rows.schema());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stage '" + name + "': " + e.getMessage(), e);
    }
    List<String> columns = List.of(rows.columns());
    for (String key : settings.mergeKeys()) {
      inputColumn(columns, key, "merge-keys");
    }
    if (settings.dedupeBy().isEmpty()) {
      return rows;
    }
    Column[] keys =
        settings.mergeKeys().stream()
            .map(k -> col(quote(inputColumn(columns, k, "merge-keys"))))
            .toArray(Column[]::new);
    Column by = col(quote(inputColumn(columns, settings.dedupeBy().get(), "dedupe-by")));
    return rows.withColumn(RANK, rank().over(Window.partitionBy(keys).orderBy(by.desc())))
        .where(col(RANK).equalTo(1))
        .drop(RANK);
  }

  private String inputColumn(List<String> columns, String wanted, String option) {
    if (columns.contains(wanted)) {
      return wanted;
    }
    List<String> folded = columns.stream().filter(c -> c.equalsIgnoreCase(wanted)).toList();
    if (folded.size() == 1) {
      return folded.get(0);
    }
    throw new IllegalArgumentException(
        "stage '"
            + name
            + "': "
            + option
            + " names column '"
            + wanted
            + "', which the input does not have; it has "
            + columns);
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private StagedFiles stage(Staging staging, Dataset<Row> rows, Path folder, FileSystem fs) {
    try {
      return staging.write(rows, folder, fs);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot stage the input as "
              + staging.format().name().toLowerCase(Locale.ROOT)
              + " files in "
              + folder
              + ": "
              + Redactor.global().describe(e),
          e);
    }
  }

  /**
   * Files per slice so that each file holds about 256 MB by Spark's size estimate (Redshift wants 1
   * MB to 1 GB after compression), at least one per slice so every slice works, at most 16.
   */
  private int filesPerSlice(Dataset<Row> rows, int slices) {
    if (settings.redshift().filesPerSlice().isPresent()) {
      return settings.redshift().filesPerSlice().getAsInt();
    }
    BigInteger estimate = rows.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
    long perSlice =
        estimate
            .divide(BigInteger.valueOf((long) slices * TARGET_FILE_BYTES))
            .min(BigInteger.valueOf(MAX_FILES_PER_SLICE))
            .longValue();
    return (int) Math.max(1, perSlice);
  }

  private S3Credentials credentials() {
    return settings.redshift().authorization() == Authorization.IAM_ROLE
        ? S3Credentials.iamRole(settings.redshift().iamRole().orElseThrow())
        : S3Credentials.fromProviderChain();
  }

  /** The warehouse store's table, when the job keeps watermarks on this load's connection. */
  private Optional<WatermarkTable> watermarkTable(StateSpec state) {
    if (state.store().equals(WarehouseWatermarkStoreFactory.NAME)
        && state.connection().equals(Optional.of(settings.connection()))) {
      return Optional.of(WatermarkTable.in(state.schema()));
    }
    return Optional.empty();
  }

  /**
   * The load has committed, so failing the stage now would only invite a rerun, which would find
   * the run committed and do nothing; leftover files only cost storage.
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

  @Override
  public StagePlan explain() {
    List<String> sql = new ArrayList<>();
    if (settings.createTable()) {
      CreateTableStatement.createSchemaSql(settings.table()).ifPresent(sql::add);
    }
    LoadBook book = LoadBook.nextTo(settings.table());
    sql.add(book.createSql());
    sql.add(book.lockSql());
    sql.add(book.findSql());
    sql.addAll(settings.preSql());
    if (settings.createTable()) {
      sql.add(
          CreateTableStatement.createTableSql(settings.table(), "<input columns and types>")
              + settings.layout().tableSuffix());
    }
    boolean direct = settings.mode() == LoadMode.APPEND && settings.dialect() == Dialect.POSTGRES;
    if (!direct) {
      sql.add(StagingTable.createSql(settings.table(), INPUT_COLUMNS));
    }
    if (settings.dialect() == Dialect.POSTGRES) {
      sql.addAll(
          new PostgresDialect(null, settings.postgresFormat())
              .plannedCopy(direct ? settings.table() : StagingTable.NAME, INPUT_COLUMNS));
    } else {
      S3Credentials shown =
          settings.redshift().authorization() == Authorization.IAM_ROLE
              ? S3Credentials.iamRole(settings.redshift().iamRole().orElseThrow())
              : S3Credentials.unresolvedKeys();
      sql.addAll(
          new RedshiftDialect(
                  "<lake.root>/_staging/<job>/" + name + "/<run-id>/manifest.json",
                  settings.redshift(),
                  shown,
                  settings.maxLength())
              .plannedCopy(StagingTable.NAME, INPUT_COLUMNS));
    }
    List<String> keys = settings.mergeKeys();
    ModeStatements mode =
        new ModeStatements(
            settings.table(),
            StagingTable.NAME,
            keys.isEmpty() ? List.of(INPUT_COLUMNS) : concat(keys, INPUT_COLUMNS),
            keys);
    if (settings.mode() == LoadMode.MERGE) {
      sql.add(mode.nullKeysQuery());
      sql.add(mode.duplicateKeysQuery());
    }
    if (!direct) {
      sql.addAll(mode.statements(settings.mode()));
    }
    sql.add(book.insertSql());
    sql.addAll(settings.postSql());
    sql.add("COMMIT");
    return new StagePlan(
        List.of(input.map(i -> "dataset " + i).orElse("the previous stage's output")),
        List.of(
            "<lake.root>/_staging/<job>/" + name + "/<run-id>",
            "connection '" + settings.connection() + "' table " + settings.table().quoted()),
        sql);
  }

  private static List<String> concat(List<String> keys, String rest) {
    List<String> all = new ArrayList<>(keys);
    all.add(rest);
    return all;
  }
}
