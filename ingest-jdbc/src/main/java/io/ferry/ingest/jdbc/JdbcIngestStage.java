package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.secret.Redactor;
import io.ferry.core.sql.SparkColumn;
import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.ingest.jdbc.commit.RunFolderCommit;
import io.ferry.ingest.jdbc.commit.WrittenRows;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.direct.DirectReader;
import io.ferry.ingest.jdbc.incremental.IncrementalWindow;
import io.ferry.ingest.jdbc.read.ExactJdbcRead;
import io.ferry.ingest.jdbc.read.JdbcPartitionsReader;
import io.ferry.ingest.jdbc.source.PlanningSession;
import io.ferry.ingest.jdbc.source.SourceConnection;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code jdbc-ingest} stage run: plans the read on the driver ({@link ReadPlanner}), reads the
 * partitions in parallel on executors (COPY on PostgreSQL, else Spark's JDBC source), optionally
 * keeps the latest row per merge key, writes Snappy Parquet into a hidden attempt folder, checks
 * that it holds as many rows as the source (counted from the written files' Parquet footers), then
 * commits it as {@code raw/<job>/<stage>/run=<id>} (a rerun of the run id replaces it) and hands
 * later stages the committed folder read back, so nothing downstream queries the source again. The
 * watermark advances only when the run commits.
 */
public final class JdbcIngestStage implements Stage, ExplainsPlan, ChecksReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIngestStage.class);
  private static final String RANK = "__ferry_rank";

  /**
   * Session settings for the lake write, set for it and restored. Dates and timestamps are
   * proleptic Gregorian in the source databases and in Spark 3+: they are written as they are,
   * those before 1582 included, rather than fail. Timestamps are written as Parquet's INT64 {@code
   * TIMESTAMP(MICROS, isAdjustedToUTC=true)} instead of Spark's default, the deprecated INT96: the
   * same microseconds, without a 12-byte value built per row and hashed into a dictionary (the
   * write's hottest frames in the profile, bench/history/2026-12-01-profile.md) and decoded again
   * by every reader.
   */
  private static final Map<String, String> WRITE_SETTINGS =
      Map.of(
          "spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED",
          "spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED",
          "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");

  private final String name;
  private final IngestSettings settings;

  JdbcIngestStage(String name, IngestSettings settings) {
    this.name = requireNonNull(name, "name");
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  public StageOutput run(StageContext context) {
    ConnectionSpec connection = context.connection(settings.connection());
    Dialect dialect = Dialect.of(connection);
    SourceConnection source =
        settings.sourceConnection(connection, dialect, settings.queryTimeoutSeconds());
    OptionalDouble sample =
        context.run().sample().isPresent() ? context.run().sample() : settings.sample();
    LOG.info(
        "Stage '{}' reading {} from connection '{}' at {} ({})",
        name,
        settings.source().describe(),
        connection.name(),
        connection.host(),
        dialect.name());
    Map<String, Long> phases = new LinkedHashMap<>();
    long start = System.nanoTime();
    Path runFolder = context.lake().rawRun(context.run().job(), name, context.run().runId());
    ReadPlan plan;
    Read read;
    Dataset<Row> rows;
    long written;
    long sourceRows;
    try (PlanningSession planning = planningSession(source, dialect, connection)) {
      plan = plan(context, connection, dialect, planning, sample);
      CompletableFuture<Long> count = countSource(planning, plan, connection);
      try {
        start = lap(phases, "plan_ms", start);
        logPlan(plan, planning);
        try {
          read = read(context.spark(), dialect, source, planning.partitions(), plan);
          lap(phases, "schema_ms", start);
        } catch (RuntimeException e) {
          throw JdbcIngestException.reading(settings.source().describe(), connection, e);
        }
        rows = read.rows();
        if (!settings.mergeKey().isEmpty()) {
          rows = latestPerKey(rows);
        }
        try {
          written =
              writeAndCommit(context, rows, runFolder, plan, count, source, connection, phases);
        } catch (RuntimeException e) {
          throw countFailureFirst(count, e);
        }
        sourceRows = count.join();
        planning.snapshot().ifPresent(s -> context.metrics().put("snapshot", s));
      } finally {
        // The count runs on the planner's connection, which closes next.
        count.handle((n, failure) -> n).join();
      }
    }
    Optional<String> watermark = plan.window().flatMap(IncrementalWindow::nextWatermark);
    if (sample.isPresent() && watermark.isPresent()) {
      LOG.info("Stage '{}' sampled its source, so its watermark stays where it was", name);
    } else {
      watermark.ifPresent(context.watermarks()::advanceOnCommit);
    }
    record(context, plan, sourceRows, written, runFolder, read, sample);
    phases.forEach(context.metrics()::put);
    LOG.info("Stage '{}' wrote {} rows to {} ({})", name, written, runFolder, phases);
    Dataset<Row> committed =
        context.spark().read().schema(rows.schema()).parquet(runFolder.toString());
    return StageOutput.of(committed);
  }

  private void logPlan(ReadPlan plan, PlanningSession planning) {
    plan.types().warnings().forEach(w -> LOG.warn("Stage '{}': {}", name, w));
    LOG.info("Stage '{}' reads in {}", name, plan.split());
    LOG.info(
        "Stage '{}' {}",
        name,
        planning
            .snapshot()
            .map(s -> "reads one snapshot (" + s + ") in the planner and every partition")
            .orElse(
                "reads its partitions at different moments: no snapshot is shared, so the row"
                    + " check is approximate"));
    plan.window().ifPresent(w -> LOG.info("Stage '{}' incremental: {}", name, w.description()));
  }

  /**
   * Counts the source's rows under the read's predicates, in the planner's session. When every
   * partition reads the planner's snapshot, the count reads it too whenever it runs: it runs on a
   * thread of its own while Spark reads and writes (on 2 cores, beside the driver's write planning,
   * when no task runs yet), instead of delaying the first row by a scan of the whole source.
   * Without a shared snapshot it is the check's first count, taken before any partition reads.
   */
  private CompletableFuture<Long> countSource(
      PlanningSession planning, ReadPlan plan, ConnectionSpec connection) {
    Supplier<Long> count =
        () -> {
          try {
            return ReadPlanner.count(
                planning.connection(), plan.countQuery(), settings.queryTimeoutSeconds());
          } catch (SQLException e) {
            throw JdbcIngestException.reading(settings.source().describe(), connection, e);
          }
        };
    if (!plan.consistent()) {
      return CompletableFuture.completedFuture(count.get());
    }
    return CompletableFuture.supplyAsync(
        count,
        task -> {
          Thread thread = new Thread(task, "ferry-count-" + name);
          thread.setDaemon(true);
          thread.start();
        });
  }

  /**
   * A failed count (a query timeout, say) aborts the planner's transaction, and partitions that
   * start after it can no longer import its snapshot: when the count failed, its failure is the
   * stage's, with the read's suppressed in it.
   */
  private static RuntimeException countFailureFirst(
      CompletableFuture<Long> count, RuntimeException failure) {
    try {
      counted(count);
      return failure;
    } catch (RuntimeException countFailure) {
      if (countFailure != failure) {
        countFailure.addSuppressed(failure);
      }
      return countFailure;
    }
  }

  /** The source count, once taken; its own failure (a source error), as it was thrown. */
  private static long counted(CompletableFuture<Long> count) {
    try {
      return count.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  private PlanningSession planningSession(
      SourceConnection source, Dialect dialect, ConnectionSpec connection) {
    try {
      return PlanningSession.open(
          source, dialect, settings.consistentRead(), settings.snapshotLevel());
    } catch (SQLException e) {
      throw JdbcIngestException.reading(settings.source().describe(), connection, e);
    }
  }

  private ReadPlan plan(
      StageContext context,
      ConnectionSpec connection,
      Dialect dialect,
      PlanningSession planning,
      OptionalDouble sample) {
    ReadPlanner planner = new ReadPlanner(name, dialect, settings);
    Optional<String> committed =
        settings.incremental().isPresent() ? context.watermarks().committed() : Optional.empty();
    try {
      return planner.plan(planning.connection(), committed, sample, planning.consistent());
    } catch (SQLException e) {
      throw JdbcIngestException.reading(settings.source().describe(), connection, e);
    }
  }

  /**
   * The rows of a read, lazily, how they are read ({@code direct} or {@code jdbc}) and, when direct
   * mode fell back to JDBC, why.
   */
  private record Read(Dataset<Row> rows, String mode, Optional<String> fallback) {}

  /**
   * @param source how the driver connects, for Spark's schema query
   * @param partitions how the partitions connect (on the planner's snapshot, when shared)
   */
  private Read read(
      SparkSession spark,
      Dialect dialect,
      SourceConnection source,
      SourceConnection partitions,
      ReadPlan plan) {
    Optional<String> customSchema = plan.types().customSchema();
    dialect.prepareSpark();
    Optional<String> fallback = Optional.empty();
    if (settings.direct() && dialect.supportsCopy()) {
      var schema =
          JdbcPartitionsReader.read(spark, source, plan.selects().subList(0, 1), customSchema)
              .schema();
      List<String> unsupported = new ArrayList<>();
      Optional<DirectReader> direct = DirectReader.of(plan.columns(), schema, unsupported);
      if (direct.isPresent()) {
        return new Read(direct.get().read(spark, partitions, plan.selects()), "direct", fallback);
      }
      fallback = Optional.of("no binary COPY decoder for " + String.join(", ", unsupported));
      LOG.info("Stage '{}' reads through JDBC instead of COPY: {}", name, fallback.get());
    }
    ExactJdbcRead exact = ExactJdbcRead.of(dialect, plan.columns(), plan.types());
    Dataset<Row> rows =
        JdbcPartitionsReader.read(
            spark, partitions, exact.selects(plan.selects()), exact.customSchema());
    return new Read(exact.parse(rows), "jdbc", fallback);
  }

  private Dataset<Row> latestPerKey(Dataset<Row> rows) {
    String order = settings.incremental().orElseThrow().column().name();
    Column[] keys =
        settings.mergeKey().stream()
            .map(k -> rows.col(SparkColumn.quoted(k.name())))
            .toArray(Column[]::new);
    return rows.withColumn(
            RANK,
            functions
                .row_number()
                .over(
                    Window.partitionBy(keys)
                        .orderBy(rows.col(SparkColumn.quoted(order)).desc_nulls_last())))
        .filter(functions.col(RANK).equalTo(1))
        .drop(RANK);
  }

  /** Records the milliseconds since {@code start} as a phase; returns now. */
  private static long lap(Map<String, Long> phases, String phase, long start) {
    long now = System.nanoTime();
    phases.put(phase, (now - start) / 1_000_000);
    return now;
  }

  /** Writes the attempt, checks its row count, commits it; returns the rows written. */
  private long writeAndCommit(
      StageContext context,
      Dataset<Row> rows,
      Path runFolder,
      ReadPlan plan,
      CompletableFuture<Long> count,
      SourceConnection source,
      ConnectionSpec connection,
      Map<String, Long> phases) {
    RunFolderCommit commit = new RunFolderCommit(context.lake(), runFolder);
    try {
      DataFrameWriter<Row> writer =
          rows.write()
              .mode(SaveMode.Overwrite)
              .option("compression", "snappy")
              .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
      if (!settings.partitionBy().isEmpty()) {
        writer = writer.partitionBy(settings.partitionBy().toArray(String[]::new));
      }
      long start = System.nanoTime();
      write(context.spark(), writer, commit.begin(), connection);
      start = lap(phases, "write_ms", start);
      long written = WrittenRows.in(context.lake().fileSystem(commit.attempt()), commit.attempt());
      long sourceRows = counted(count);
      if (sourceRows == 0) {
        LOG.info("Stage '{}': the source has no rows to import; committing an empty run", name);
      }
      if (plan.consistent()) {
        checkExact(sourceRows, written);
      } else {
        checkApproximate(context, plan, sourceRows, written, source, connection);
      }
      start = lap(phases, "check_ms", start);
      commit.publish();
      lap(phases, "commit_ms", start);
      return written;
    } catch (RuntimeException e) {
      abandon(commit, e);
      throw e;
    }
  }

  /**
   * Deletes what the failed run wrote. When that fails too (the lake became unreachable, which may
   * be why the run failed), the run's own error stays the one reported: the folder has no {@code
   * _SUCCESS}, so readers ignore it, and later runs of the stage remove it as a leftover.
   */
  private void abandon(RunFolderCommit commit, RuntimeException failure) {
    try {
      commit.abandon();
    } catch (RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
      LOG.warn(
          "Stage '{}': could not delete what the failed run wrote in {} ({}); readers ignore it"
              + " (it has no {}), and later runs of the stage remove it (lake.clean-after)",
          name,
          commit.attempt(),
          Redactor.global().describe(cleanup),
          Lake.SUCCESS_MARKER);
    }
  }

  /**
   * Every partition read the snapshot the source was counted in: any difference means the
   * predicates overlap or leave gaps (or rows were lost), never a busy source.
   */
  private void checkExact(long sourceRows, long written) {
    if (written != sourceRows) {
      throw new RowCountMismatchException(
          "the source holds "
              + sourceRows
              + (settings.mergeKey().isEmpty() ? " rows" : " distinct merge keys")
              + " for "
              + settings.source().describe()
              + " in the snapshot every partition read, but "
              + written
              + " rows were written; the predicates overlap or leave gaps. Nothing was"
              + " committed.");
    }
  }

  /**
   * The partitions read at different moments, so a source taking writes may legitimately differ
   * from both counts: the source is counted again under the same predicates and both counts go into
   * the run report; a written count outside them is logged, never failed on.
   */
  private void checkApproximate(
      StageContext context,
      ReadPlan plan,
      long sourceRows,
      long written,
      SourceConnection source,
      ConnectionSpec connection) {
    long atEnd;
    try (Connection jdbc = source.open()) {
      atEnd = ReadPlanner.count(jdbc, plan.countQuery(), settings.queryTimeoutSeconds());
    } catch (SQLException e) {
      throw JdbcIngestException.reading(settings.source().describe(), connection, e);
    }
    context.metrics().put("source_rows_at_end", atEnd);
    if (written < Math.min(sourceRows, atEnd) || written > Math.max(sourceRows, atEnd)) {
      LOG.warn(
          "Stage '{}' wrote {} rows; the source held {} when planning and {} at the end. Its"
              + " partitions read at different moments, so this is not an error on a source"
              + " taking writes; on a quiet source, check that predicates neither overlap nor"
              + " leave gaps.",
          name,
          written,
          sourceRows,
          atEnd);
    }
  }

  /**
   * The storage's own error in a failed write's cause chain (the first {@link IOException}, such as
   * S3A's "Connect to ... failed: Connection refused"), so users read it rather than Spark's job
   * abort message with its task stack traces; the failure itself when the chain holds none.
   */
  static Throwable storageError(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 16; depth++) {
      if (t instanceof IOException) {
        return t;
      }
      t = t.getCause();
    }
    return failure;
  }

  private void write(
      SparkSession spark, DataFrameWriter<Row> writer, Path attempt, ConnectionSpec connection) {
    // Parquet reads these from the session only, so they are set for this write and restored.
    Map<String, String> previous = new HashMap<>();
    for (Map.Entry<String, String> setting : WRITE_SETTINGS.entrySet()) {
      previous.put(setting.getKey(), spark.conf().get(setting.getKey(), null));
      spark.conf().set(setting.getKey(), setting.getValue());
    }
    try {
      writer.parquet(attempt.toString());
    } catch (Exception e) { // Spark's task failures are checked SparkExceptions thrown unchecked

      if (JdbcIngestException.sourceError(e).isPresent()) {
        throw JdbcIngestException.reading(settings.source().describe(), connection, e);
      }
      throw new StageFailure(
          StandardFailureCode.TARGET_WRITE_FAILED,
          "cannot write the lake folder "
              + attempt.getParent()
              + "; nothing was committed. Check that the lake is reachable and writable from"
              + " where ferry runs (lake.root, its S3 endpoint and credentials), then run the job"
              + " again",
          storageError(e));
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
    }
  }

  private void record(
      StageContext context,
      ReadPlan plan,
      long sourceRows,
      long written,
      Path runFolder,
      Read read,
      OptionalDouble sample) {
    var metrics = context.metrics();
    metrics.rowsIn(sourceRows);
    metrics.rowsOut(written);
    metrics.put("source_rows", sourceRows);
    metrics.put("written_rows", written);
    metrics.put("partitions", plan.selects().size());
    metrics.put("split", plan.split());
    metrics.put("read_mode", read.mode());
    metrics.put("consistent_read", plan.consistent());
    metrics.put("row_check", plan.consistent() ? "exact" : "approximate");
    read.fallback().ifPresent(why -> metrics.put("direct_fallback", why));
    metrics.put("path", runFolder.toString());
    plan.window().ifPresent(w -> metrics.put("incremental", w.description()));
    plan.window()
        .flatMap(IncrementalWindow::nextWatermark)
        .ifPresent(w -> metrics.put("watermark", w));
    if (sample.isPresent()) {
      metrics.put("sample", sample.getAsDouble());
    }
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of("connection '" + settings.connection() + "' " + settings.source().describe()),
        List.of("<lake.root>/raw/<job>/" + name + "/run=<run-id>"),
        List.of(settings.source().sql()));
  }

  @Override
  public void check(PreflightContext context) {
    new JdbcIngestReadiness(settings).check(context);
  }
}
