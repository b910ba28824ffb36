package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.run.RunInfo;
import io.ferry.core.run.StageMetrics;
import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.CommitsRunWatermarks;
import io.ferry.core.stage.FailureCode;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.core.state.RunWatermarks;
import io.ferry.core.state.WatermarkStore;
import io.ferry.core.state.Watermarks;
import io.ferry.engine.clean.Leftover;
import io.ferry.engine.clean.Leftovers;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.engine.state.WatermarkStores;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a validated job: stages in order, each output registered under the stage's name (dataset and
 * temp view; an output whose rows the stage did not count is counted by {@link LazyRowCounts} as
 * later stages read it), then the pending watermarks committed if and only if every stage
 * succeeded, then the run report written to {@code <lake>/_runs/<job>/<run-id>/report.json}.
 */
public final class PipelineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final StageRegistry registry;
  private final Clock clock;

  public PipelineRunner(StageRegistry registry) {
    this(registry, Clock.systemUTC());
  }

  PipelineRunner(StageRegistry registry, Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Runs the job; stage failures are reported, not thrown. */
  public RunReport run(JobSpec job, RunRequest request, SparkSession spark) {
    Instant started = clock.instant();
    String runId = request.runId().orElseGet(() -> RunIds.generate(started));
    RunInfo info = new RunInfo(job.name(), runId, started, job.params(), request.sample());
    job.lake().hadoopS3Settings().forEach(spark.sparkContext().hadoopConfiguration()::set);
    Lake lake = new Lake(job.lake().root(), spark.sparkContext().hadoopConfiguration());
    LazyRowCounts rowCounts = new LazyRowCounts(spark, runId);
    Run run = new Run(spark, info, job, lake, WatermarkStores.open(job, lake), rowCounts);

    StageCpuListener cpu = new StageCpuListener();
    spark.sparkContext().addSparkListener(cpu);
    List<StageReport> reports = new ArrayList<>();
    LOG.info("Running job '{}' as run {} with lake {}", job.name(), runId, lake);
    try {
      List<PreparedStage> stages =
          job.stages().stream()
              .map(spec -> PreparedStage.create(spec, registry.find(spec.type()).orElseThrow()))
              .toList();
      Optional<String> watermarkCommitter =
          stages.stream()
              .filter(p -> p.stage() instanceof CommitsRunWatermarks)
              .reduce((first, second) -> second)
              .map(p -> p.spec().name());
      for (PreparedStage stage : stages) {
        reports.add(
            run.error.isPresent()
                ? StageReport.skipped(stage.spec().name(), stage.spec().type())
                : run.stage(stage, watermarkCommitter));
      }
      run.commitWatermarks();
    } finally {
      waitForListeners(spark);
      spark.sparkContext().removeSparkListener(cpu);
      rowCounts.close();
    }
    RunReport report =
        new RunReport(
            job.name(),
            runId,
            run.error.isEmpty() ? RunReport.Status.SUCCEEDED : RunReport.Status.FAILED,
            started,
            clock.instant(),
            spark.sparkContext().master(),
            spark.sparkContext().applicationId(),
            reports.stream()
                .map(r -> r.withExecutorCpuMillis(cpu.cpuMillis(r.name())))
                .map(r -> r.rowsOut().isPresent() ? r : r.withRowsOut(rowCounts.rows(r.name())))
                .toList(),
            run.error,
            run.failureCode,
            Optional.empty());
    return write(report, lake);
  }

  /** The state of one run: datasets registered so far, pending watermarks, the first error. */
  private final class Run {
    private final SparkSession spark;
    private final RunInfo info;
    private final JobSpec job;
    private final Lake lake;
    private final WatermarkStore watermarkStore;
    private final LazyRowCounts rowCounts;
    private final Map<String, Dataset<Row>> datasets = new LinkedHashMap<>();
    private final Map<String, String> pendingWatermarks = new LinkedHashMap<>();
    private Optional<String> error = Optional.empty();
    private Optional<FailureCode> failureCode = Optional.empty();

    Run(
        SparkSession spark,
        RunInfo info,
        JobSpec job,
        Lake lake,
        WatermarkStore store,
        LazyRowCounts rowCounts) {
      this.spark = spark;
      this.info = info;
      this.job = job;
      this.lake = lake;
      this.watermarkStore = store;
      this.rowCounts = rowCounts;
    }

    /**
     * Runs one stage, registers its output, and reports it; a failure is recorded, not thrown. Of
     * the stages that commit the run's watermarks with their own rows, only the last one in the job
     * ({@code watermarkCommitter}) gets them: were an earlier load to commit them, a failure of a
     * later load would leave the watermark past rows that load never committed (guarantee 2).
     */
    StageReport stage(PreparedStage prepared, Optional<String> watermarkCommitter) {
      StageSpec spec = prepared.spec();
      StageMetrics metrics = new StageMetrics();
      Instant start = clock.instant();
      long cpuStart = processCpuNanos();
      Optional<String> stageError = Optional.empty();
      Optional<FailureCode> stageCode = Optional.empty();
      spark
          .sparkContext()
          .setJobGroup(
              StageCpuListener.GROUP_PREFIX + spec.name(),
              "ferry " + job.name() + " / " + spec.name() + " (" + spec.type() + ")",
              false);
      try {
        LOG.info("Stage '{}' ({}) starting", spec.name(), spec.type());
        Leftovers leftovers = new Leftovers(lake, job.name(), spec.name());
        removeLeftovers(spec, leftovers, metrics);
        Stage stage = prepared.stageOrThrow();
        if (stage instanceof CommitsRunWatermarks committing) {
          boolean commits = watermarkCommitter.equals(Optional.of(spec.name()));
          committing.acceptWatermarks(
              new RunWatermarks(commits ? pendingWatermarks : Map.of(), job.state()));
        }
        StageOutput output =
            stage.run(
                new Context(
                    spark,
                    info,
                    spec,
                    job,
                    lake,
                    datasets,
                    metrics,
                    watermarkStore,
                    pendingWatermarks));
        output
            .dataset()
            .map(ds -> metrics.rowsOut().isPresent() ? ds : rowCounts.counted(spec.name(), ds))
            .ifPresent(ds -> register(spec.name(), ds));
        removeEmptyStaging(spec, leftovers);
      } catch (Exception | LinkageError | AssertionError e) {
        String message = Redactor.global().describe(e);
        if (e instanceof StageFailure failure && failure.key().isPresent()) {
          message = spec.options().location(failure.key().get()) + ": " + message;
        }
        stageError = Optional.of(message);
        stageCode =
            Optional.of(
                e instanceof StageFailure failure
                    ? failure.code()
                    : StandardFailureCode.INTERNAL_ERROR);
        error = Optional.of("stage '" + spec.name() + "' failed: " + message);
        failureCode = stageCode;
        LOG.error("Stage '{}' failed ({}): {}", spec.name(), stageCode.get().name(), message);
      } finally {
        spark.sparkContext().clearJobGroup();
      }
      return new StageReport(
          spec.name(),
          spec.type(),
          stageError.isPresent() ? StageReport.Status.FAILED : StageReport.Status.SUCCEEDED,
          Optional.of(start),
          clock.instant().toEpochMilli() - start.toEpochMilli(),
          metrics.rowsIn(),
          metrics.rowsOut(),
          metrics.values(),
          0,
          (processCpuNanos() - cpuStart) / 1_000_000,
          stageError,
          stageCode);
    }

    /**
     * Removes what killed runs of the stage left, once it is older than {@code lake.clean-after}:
     * younger folders may belong to a run still writing. A failure here never fails the stage.
     */
    private void removeLeftovers(StageSpec spec, Leftovers leftovers, StageMetrics metrics) {
      Instant cutoff = clock.instant().minus(job.lake().cleanAfter());
      try {
        List<Leftover> old = leftovers.olderThan(cutoff, Optional.of(info.runId()));
        if (!old.isEmpty()) {
          leftovers.remove(old);
          metrics.put("leftovers_removed", old.size());
          LOG.info(
              "Stage '{}': removed {} folders that killed runs left (older than {}): {}",
              spec.name(),
              old.size(),
              job.lake().cleanAfter(),
              old.stream().map(l -> l.path().toString()).toList());
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "Stage '{}': could not remove what killed runs left: {}",
            spec.name(),
            Redactor.global().describe(e));
      }
    }

    /** A load that deleted its staged files leaves their empty parent folder: remove it. */
    private void removeEmptyStaging(StageSpec spec, Leftovers leftovers) {
      try {
        leftovers.removeEmptyStaging();
      } catch (RuntimeException e) {
        LOG.warn(
            "Stage '{}': could not remove its empty staging folder: {}",
            spec.name(),
            Redactor.global().describe(e));
      }
    }

    private void register(String name, Dataset<Row> dataset) {
      dataset.createOrReplaceTempView(name);
      datasets.put(name.toLowerCase(), dataset);
    }

    /** Watermarks move only when every stage succeeded (DESIGN.md guarantee 2). */
    void commitWatermarks() {
      if (error.isEmpty()) {
        pendingWatermarks.forEach(
            (stage, value) -> watermarkStore.write(job.name(), stage, value, info.runId()));
      } else if (!pendingWatermarks.isEmpty()) {
        LOG.info("Watermarks not advanced, the run failed: {}", pendingWatermarks.keySet());
      }
    }
  }

  private static RunReport write(RunReport report, Lake lake) {
    var path = lake.runReport(report.job(), report.runId());
    try {
      RunReport located = report.withLocation(path.toString());
      lake.writeString(path, RunReportJson.render(located));
      return located;
    } catch (RuntimeException e) {
      LOG.warn("Could not write the run report to {}: {}", path, Redactor.global().describe(e));
      return report;
    }
  }

  private static void waitForListeners(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      LOG.debug("Listener bus did not drain; CPU figures may be low", e);
    }
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  private record Context(
      SparkSession spark,
      RunInfo run,
      StageSpec spec,
      JobSpec job,
      Lake lake,
      Map<String, Dataset<Row>> datasets,
      StageMetrics metrics,
      WatermarkStore watermarkStore,
      Map<String, String> pendingWatermarks)
      implements StageContext {

    @Override
    public Dataset<Row> input() {
      String name;
      if (spec.input().isPresent()) {
        name = spec.input().get();
      } else if (spec.index() > 0) {
        name = job.stages().get(spec.index() - 1).name();
      } else {
        throw new StageFailure(
            StandardFailureCode.INPUT_MISSING, "it is the first stage, so it has no input dataset");
      }
      Dataset<Row> ds = datasets.get(name.toLowerCase());
      if (ds == null) {
        throw new StageFailure(
            StandardFailureCode.INPUT_MISSING,
            "its input '"
                + name
                + "' produced no dataset; set 'input' to a stage that outputs one");
      }
      return ds;
    }

    @Override
    public ConnectionSpec connection(String name) {
      ConnectionSpec c = job.connections().get(name);
      if (c == null) {
        throw new IllegalArgumentException("no connection named '" + name + "'");
      }
      return c;
    }

    @Override
    public Watermarks watermarks() {
      return new Watermarks() {
        @Override
        public Optional<String> committed() {
          return watermarkStore.read(job.name(), spec.name());
        }

        @Override
        public void advanceOnCommit(String value) {
          pendingWatermarks.put(spec.name(), value);
        }
      };
    }
  }

  /**
   * A stage created before the run starts, so the runner knows which stages commit watermarks; a
   * failure to create it is kept and thrown when its turn comes, as the stage's own failure.
   */
  private record PreparedStage(StageSpec spec, Stage stage, Throwable failure) {
    static PreparedStage create(StageSpec spec, StageFactory factory) {
      try {
        return new PreparedStage(spec, factory.create(spec), null);
      } catch (RuntimeException | LinkageError e) {
        return new PreparedStage(spec, null, e);
      }
    }

    Stage stageOrThrow() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return stage;
    }
  }
}
