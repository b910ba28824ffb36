package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.to_json;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.secret.Redactor;
import io.ferry.core.sql.SparkColumn;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.CommitsRunWatermarks;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.core.state.RunWatermarks;
import io.ferry.core.state.StateSpec;
import io.ferry.sink.redshift.amazon.CopyCommand;
import io.ferry.sink.redshift.bookkeeping.WarehouseWatermarkStoreFactory;
import io.ferry.sink.redshift.bookkeeping.WatermarkTable;
import io.ferry.sink.redshift.postgres.PipelinedCopy;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.Staging;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.ColumnMatch;
import io.ferry.sink.redshift.table.ParquetCasts;
import io.ferry.sink.redshift.table.RedshiftColumnTypes;
import io.ferry.sink.redshift.table.TargetColumn;
import io.ferry.sink.redshift.table.TargetTable;
import io.ferry.sink.redshift.warehouse.PostgresWarehouse;
import io.ferry.sink.redshift.warehouse.RedshiftWarehouse;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redshift-load} stage: stages its input in {@code _staging/<job>/<stage>/<run-id>} and
 * loads the files in one warehouse transaction ({@link LoadTransaction}) together with the run's
 * {@code ferry_loads} row and, when the state store is this warehouse, the run's watermarks; then
 * deletes the staged files unless {@code keep-staged}.
 *
 * <p>Redshift: the session's identifier case folding and slices are read, the bookkeeping tables
 * created and the target looked up; the input is cast to an existing target's column types (Parquet
 * COPY converts none), staged with its manifest, too-short varchar columns widened (outside any
 * transaction, which Redshift requires), and then the transaction runs. PostgreSQL: the transaction
 * opens first, so an already committed run id stages nothing, and each file is COPYed while Spark
 * writes the others ({@link PipelinedCopy}). A failed load leaves the target as it was and keeps
 * the staged files for inspection; a rerun of the run id replaces them, and a rerun after the load
 * committed does nothing.
 */
public final class RedshiftLoadStage
    implements Stage, ExplainsPlan, CommitsRunWatermarks, ChecksReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(RedshiftLoadStage.class);
  private static final String RANK = "__ferry_dedupe_rank";
  private static final long TARGET_FILE_BYTES = 256L << 20;
  private static final int MAX_FILES_PER_SLICE = 16;
  private static final int MAX_FILES_BY_BYTES = 512;
  private static final int MAX_IDENTIFIER_BYTES = 127;
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

  private final String name;
  private final Optional<String> input;
  private final LoadSettings settings;
  private RunWatermarks runWatermarks = RunWatermarks.NONE;
  private final Warehouse warehouse;

  RedshiftLoadStage(
      String name, Optional<String> input, LoadSettings settings, Warehouse warehouse) {
    this.name = requireNonNull(name, "name");
    this.input = requireNonNull(input, "input");
    this.settings = requireNonNull(settings, "settings");
    this.warehouse = requireNonNull(warehouse, "warehouse");
  }

  @Override
  public void acceptWatermarks(RunWatermarks watermarks) {
    this.runWatermarks = watermarks;
  }

  @Override
  public StageOutput run(StageContext context) {
    ConnectionSpec connection = context.connection(settings.connection());
    Dataset<Row> rows = prepare(context.input());
    Lake lake = context.lake();
    Path folder = lake.staging(context.run().job(), name, context.run().runId());
    FileSystem fs = lake.fileSystem(folder);
    LoadSettings load = settings;
    try (Connection c = warehouse.open(connection)) {
      c.setAutoCommit(false);
      if (warehouse instanceof RedshiftWarehouse redshift && !redshift.caseSensitive(c)) {
        rows = foldedColumns(rows);
        load = settings.foldedToLowerCase();
      }
      Optional<WatermarkTable> watermarks = watermarkTable(runWatermarks.store());
      LoadTransaction transaction =
          new LoadTransaction(warehouse, load, Clock.systemUTC(), RETRY_BACKOFF);
      Optional<TargetTable> existing = transaction.prepare(c, watermarks);
      StructType schema = rows.schema();
      LoadSource source;
      PipelinedCopy pipelined = null;
      List<String> casts = new ArrayList<>();
      if (warehouse instanceof RedshiftWarehouse redshift) {
        source = stageForRedshift(c, redshift, rows, existing, folder, fs, casts, load);
      } else {
        pipelined =
            new PipelinedCopy(
                jsonText(rows), folder, fs, ((PostgresWarehouse) warehouse).stagingFormat());
        source = pipelined;
      }
      LoadRequest request =
          new LoadRequest(
              context.run().job(),
              name,
              context.run().runId(),
              source,
              schema,
              runWatermarks.pending(),
              watermarks,
              context.run().startedAt());
      LoadOutcome outcome = transaction.run(c, request, existing.isPresent());
      report(context, outcome, pipelined, casts);
      LOG.info(
          "Stage '{}' {} {} rows into {}",
          name,
          outcome.alreadyCommitted() ? "found run already committed with" : "loaded",
          outcome.loaded(),
          load.table().quoted());
    } catch (SQLException | IOException | RuntimeException e) {
      throw LoadException.of(load.table(), connection, e);
    }
    if (!settings.keepStaged()) {
      deleteStaged(lake, folder);
    }
    return StageOutput.none();
  }

  private LoadSource stageForRedshift(
      Connection c,
      RedshiftWarehouse redshift,
      Dataset<Row> rows,
      Optional<TargetTable> existing,
      Path folder,
      FileSystem fs,
      List<String> casts,
      LoadSettings load)
      throws SQLException, IOException {
    StagingFormat format = redshift.options().stagingFormat();
    Dataset<Row> staged = rows;
    if (existing.isPresent() && format == StagingFormat.PARQUET) {
      staged = ParquetCasts.apply(staged, existing.get(), casts);
      casts.forEach(cast -> LOG.info("Casting before Parquet staging: {}", cast));
    }
    if (format == StagingFormat.CSV) {
      staged = jsonText(staged);
    }
    OptionalInt slices = redshift.slices(c);
    int files = fileCount(staged, slices, redshift);
    StagedFiles written =
        stage(new Staging(format, CopyCommand.CSV_FORM, OptionalInt.of(files)), staged, folder, fs);
    LOG.info(
        "Staged {} rows in {} files ({} bytes) at {}",
        written.rows(),
        written.files().size(),
        written.bytes(),
        folder);
    Manifest.write(written, fs);
    if (existing.isPresent()) {
      widen(c, existing.get(), written.maxBytes(), load);
    }
    return LoadSource.staged(written, fs);
  }

  /**
   * Widens the existing target's varchar columns that the staged values outgrow, by the headroom
   * policy of created columns, each ALTER in its own transaction: Redshift cannot alter a column's
   * type inside a transaction block
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html). Without {@code
   * widen-columns} the load stops here, naming the columns, before anything is loaded.
   */
  private void widen(Connection c, TargetTable table, Map<String, Long> maxBytes, LoadSettings load)
      throws SQLException {
    Map<String, Long> needed = new HashMap<>();
    for (Map.Entry<String, Long> m : maxBytes.entrySet()) {
      Optional<TargetColumn> column = ColumnMatch.match(m.getKey(), table).flatMap(table::column);
      if (column.isPresent()
          && column.get().isBoundedVarchar()
          && m.getValue() > column.get().length()) {
        needed.put(column.get().name(), m.getValue());
      }
    }
    if (needed.isEmpty()) {
      return;
    }
    if (!load.widenColumns()) {
      throw new StageFailure(
          StandardFailureCode.DATA_INVALID,
          "the input's longest values outgrow varchar columns of "
              + table.name().quoted()
              + ": "
              + describe(needed, table)
              + "; set widen-columns = true to widen them before the load, or cut the values in"
              + " an earlier sql stage");
    }
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      for (Map.Entry<String, Long> n : new TreeMap<>(needed).entrySet()) {
        long size = RedshiftColumnTypes.sized(n.getValue(), RedshiftColumnTypes.MAX_VARCHAR_BYTES);
        if (n.getValue() > RedshiftColumnTypes.MAX_VARCHAR_BYTES) {
          throw new StageFailure(
              StandardFailureCode.DATA_INVALID,
              "column '"
                  + n.getKey()
                  + "' holds a value of "
                  + n.getValue()
                  + " bytes, more than Redshift's varchar limit of "
                  + RedshiftColumnTypes.MAX_VARCHAR_BYTES);
        }
        String sql = widenSql(table.name(), n.getKey(), size);
        LOG.info("Widening before the load: {}", sql);
        s.execute(sql);
      }
    } finally {
      c.setAutoCommit(false);
    }
  }

  /** {@code ALTER TABLE t ALTER COLUMN c TYPE varchar(n)}, which runs outside a transaction. */
  static String widenSql(SqlIdentifier table, String column, long size) {
    return "ALTER TABLE "
        + table.quoted()
        + " ALTER COLUMN "
        + SqlIdentifier.of(column).quoted()
        + " TYPE varchar("
        + size
        + ")";
  }

  private static String describe(Map<String, Long> needed, TargetTable table) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(needed)
        .forEach(
            (column, bytes) ->
                parts.add(
                    column
                        + " "
                        + table.column(column).map(TargetColumn::shown).orElse("?")
                        + " needs "
                        + bytes
                        + " bytes"));
    return String.join(", ", parts);
  }

  private void report(
      StageContext context, LoadOutcome outcome, PipelinedCopy pipelined, List<String> casts) {
    long stagedRows = outcome.staged().map(StagedFiles::rows).orElse(0L);
    context.metrics().rowsIn(stagedRows);
    context.metrics().put("staged_files", outcome.staged().map(s -> s.files().size()).orElse(0));
    context.metrics().put("staged_bytes", outcome.staged().map(StagedFiles::bytes).orElse(0L));
    context.metrics().rowsOut(outcome.loaded());
    context.metrics().put("rows_staged", stagedRows);
    context.metrics().put("rows_copied", outcome.copied());
    context.metrics().put("already_committed", outcome.alreadyCommitted());
    context.metrics().put("warehouse", warehouse.name());
    if (pipelined != null && !outcome.alreadyCommitted()) {
      context.metrics().put("copy_format", pipelined.format().name().toLowerCase(Locale.ROOT));
      pipelined.fallback().ifPresent(f -> context.metrics().put("copy_fallback", f));
      if (pipelined.restarted()) {
        context.metrics().put("copy_restarted", true);
      }
    } else if (warehouse instanceof RedshiftWarehouse redshift && outcome.staged().isPresent()) {
      context
          .metrics()
          .put("copy_format", redshift.options().stagingFormat().name().toLowerCase(Locale.ROOT));
      if (!casts.isEmpty()) {
        context.metrics().put("copy_casts", String.join("; ", casts));
      }
    }
  }

  /**
   * Checks the input's types and the named columns before anything is staged, and keeps only the
   * latest row per merge key when {@code dedupe-by} is set. Ties on the dedupe column survive, so
   * the duplicate-key check reports them instead of picking a row at random.
   */
  private Dataset<Row> prepare(Dataset<Row> rows) {
    warehouse.columnTypes(Map.of()).columns(rows.schema());
    if (warehouse instanceof RedshiftWarehouse) {
      for (String column : rows.columns()) {
        checkIdentifierBytes(column);
      }
      List<String> problems =
          settings
              .layout()
              .encodingProblems(warehouse.columnTypes(Map.of()).columns(rows.schema()));
      if (!problems.isEmpty()) {
        throw StageFailure.about(
            "encodings", StandardFailureCode.CONFIG_VALUE_INVALID, String.join("; ", problems));
      }
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
            .map(k -> col(SparkColumn.quoted(inputColumn(columns, k, "merge-keys"))))
            .toArray(Column[]::new);
    Column by =
        col(SparkColumn.quoted(inputColumn(columns, settings.dedupeBy().get(), "dedupe-by")));
    return rows.withColumn(RANK, rank().over(Window.partitionBy(keys).orderBy(by.desc())))
        .where(col(RANK).equalTo(1))
        .drop(RANK);
  }

  /** Redshift's identifiers hold at most 127 bytes of UTF-8. */
  static void checkIdentifierBytes(String identifier) {
    int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_IDENTIFIER_BYTES) {
      throw new StageFailure(
          StandardFailureCode.DATA_INVALID,
          "column name '"
              + identifier
              + "' has "
              + bytes
              + " bytes in UTF-8; Redshift allows "
              + MAX_IDENTIFIER_BYTES
              + " (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html); rename it in an"
              + " earlier sql stage");
    }
  }

  /**
   * The input with its column names in lower case, as Redshift stores them while {@code
   * enable_case_sensitive_identifier} is off; two names that fold to the same one are an error.
   */
  static Dataset<Row> foldedColumns(Dataset<Row> rows) {
    Map<String, String> seen = new HashMap<>();
    List<Column> out = new ArrayList<>();
    boolean changed = false;
    for (String column : rows.columns()) {
      String lower = column.toLowerCase(Locale.ROOT);
      String other = seen.putIfAbsent(lower, column);
      if (other != null) {
        throw new StageFailure(
            StandardFailureCode.DATA_INVALID,
            "input columns '"
                + other
                + "' and '"
                + column
                + "' are the same column '"
                + lower
                + "' on Redshift, which folds identifiers to lower case while"
                + " enable_case_sensitive_identifier is off; rename one in an earlier sql stage");
      }
      changed |= !lower.equals(column);
      out.add(col(SparkColumn.quoted(column)).as(lower));
    }
    return changed ? rows.select(out.toArray(Column[]::new)) : rows;
  }

  /** Struct, array and map columns as JSON text, for CSV staging and PostgreSQL's jsonb. */
  static Dataset<Row> jsonText(Dataset<Row> rows) {
    boolean nested = false;
    List<Column> out = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      Column c = col(SparkColumn.quoted(field.name()));
      DataType type = field.dataType();
      if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType) {
        nested = true;
        out.add(to_json(c).as(field.name()));
      } else {
        out.add(c);
      }
    }
    return nested ? rows.select(out.toArray(Column[]::new)) : rows;
  }

  private String inputColumn(List<String> columns, String wanted, String option) {
    if (columns.contains(wanted)) {
      return wanted;
    }
    List<String> folded = columns.stream().filter(c -> c.equalsIgnoreCase(wanted)).toList();
    if (folded.size() == 1) {
      return folded.get(0);
    }
    throw StageFailure.about(
        option,
        StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
        option
            + " names column '"
            + wanted
            + "', which the input does not have; it has "
            + columns);
  }

  private static StagedFiles stage(Staging staging, Dataset<Row> rows, Path folder, FileSystem fs) {
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
   * How many files to stage. On a provisioned cluster a multiple of its slices, so that every slice
   * works: files per slice so that each holds about 256 MB by Spark's size estimate (Redshift wants
   * 1 MB to 1 GB after compression), at least 1, at most 16. On Serverless, which has no slices to
   * count, files of about 256 MB, at most {@value #MAX_FILES_BY_BYTES}.
   */
  private static int fileCount(Dataset<Row> rows, OptionalInt slices, RedshiftWarehouse redshift) {
    BigInteger estimate = rows.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
    if (slices.isEmpty()) {
      long files =
          estimate
              .divide(BigInteger.valueOf(TARGET_FILE_BYTES))
              .add(BigInteger.ONE)
              .min(BigInteger.valueOf(MAX_FILES_BY_BYTES))
              .longValue();
      return (int) files;
    }
    int perSlice;
    if (redshift.options().filesPerSlice().isPresent()) {
      perSlice = redshift.options().filesPerSlice().getAsInt();
    } else {
      long bySize =
          estimate
              .divide(BigInteger.valueOf((long) slices.getAsInt() * TARGET_FILE_BYTES))
              .min(BigInteger.valueOf(MAX_FILES_PER_SLICE))
              .longValue();
      perSlice = (int) Math.max(1, bySize);
    }
    return slices.getAsInt() * perSlice;
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
   * the run committed and do nothing; leftover files only cost storage (an S3 lifecycle rule on
   * {@code _staging/} removes what a crash left, see docs/redshift.md).
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
    String staged = "<lake.root>/_staging/<job>/" + name + "/<run-id>";
    List<String> sql = new LoadScript(settings, warehouse).plan(Optional.empty(), false, staged);
    return new StagePlan(
        List.of(input.map(i -> "dataset " + i).orElse("the previous stage's output")),
        List.of(
            staged,
            "connection '"
                + settings.connection()
                + "' ("
                + warehouse.name()
                + ") table "
                + settings.table().quoted()),
        sql);
  }

  @Override
  public void check(PreflightContext context) {
    new LoadReadiness(settings, warehouse).check(context);
  }
}
