package io.ferry.launcher;

import io.ferry.core.lake.Lake;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.state.WatermarkStore;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.engine.run.ConsoleSummary;
import io.ferry.engine.run.PipelineRunner;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.engine.state.WatermarkStores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry run}: validate, then run every stage, write the report, exit 0 or 1. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Validate and run a job. Exit 0 on success, 1 if a stage failed, 2 on bad config.")
final class RunCommand implements Callable<Integer> {
  /** The run id recorded with a watermark set by {@code --set-watermark}. */
  static final String SET_BY_FLAG = "set-watermark";

  @Mixin JobOptions job = new JobOptions();

  @Option(
      names = "--run-id",
      description =
          "Run id (default: UTC time + random suffix). Rerunning an id replaces its output.")
  String runId;

  @Option(
      names = "--master",
      description =
          "Spark master for standalone runs (default: the job's spark.master, else local[*]). Ignored under spark-submit.")
  String master;

  @Option(
      names = "--sample",
      paramLabel = "FRACTION",
      description =
          "Read a deterministic FRACTION (0 < f <= 1) of every ingest source, for laptop runs on"
              + " production-shaped data. Sampled runs leave watermarks where they are, so"
              + " --reset-watermark and --set-watermark are refused with it.")
  Double sample;

  @Option(
      names = "--reset-watermark",
      paramLabel = "STAGE",
      description =
          "Forget STAGE's watermark before the run, so it imports from the start. Repeatable.")
  List<String> resetWatermarks = new ArrayList<>();

  @Option(
      names = "--set-watermark",
      paramLabel = "STAGE=VALUE",
      description =
          "Set STAGE's committed watermark before the run, e.g. orders=1042 or"
              + " orders=2026-11-23T00:00:00. Repeatable.")
  Map<String, String> setWatermarks = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StageRegistry registry = StageRegistry.load();
    JobSpec jobSpec = job.load(registry);
    List<Problem> unset = jobSpec.unsetEnvironmentVariables();
    if (!unset.isEmpty()) {
      throw new InvalidJobException(unset);
    }
    OptionalDouble fraction = sampleFraction();
    checkWatermarkStages(jobSpec);
    if (fraction.isPresent() && !(resetWatermarks.isEmpty() && setWatermarks.isEmpty())) {
      throw new UsageException(
          "--sample leaves stored watermarks alone, so it cannot run with "
              + (resetWatermarks.isEmpty() ? "--set-watermark" : "--reset-watermark")
              + "; change the watermark in a run without --sample, or give sampled runs a lake"
              + " of their own (e.g. --env dev) where no watermark is stored");
    }
    RunRequest request = new RunRequest(Optional.ofNullable(runId), fraction);
    SparkSession spark = SparkSessions.getOrCreate(jobSpec, Optional.ofNullable(master));
    if (!resetWatermarks.isEmpty() || !setWatermarks.isEmpty()) {
      jobSpec.lake().hadoopS3Settings().forEach(spark.sparkContext().hadoopConfiguration()::set);
      changeWatermarks(
          jobSpec, new Lake(jobSpec.lake().root(), spark.sparkContext().hadoopConfiguration()));
    }
    RunReport report = new PipelineRunner(registry).run(jobSpec, request, spark);
    spec.commandLine().getOut().print(ConsoleSummary.render(report));
    spec.commandLine().getOut().flush();
    return report.exitCode();
  }

  private OptionalDouble sampleFraction() {
    if (sample == null) {
      return OptionalDouble.empty();
    }
    if (!(sample > 0 && sample <= 1)) {
      throw new UsageException("--sample must be above 0 and at most 1, found " + sample);
    }
    return OptionalDouble.of(sample);
  }

  private void checkWatermarkStages(JobSpec jobSpec) {
    Set<String> stages =
        jobSpec.stages().stream()
            .map(StageSpec::name)
            .collect(Collectors.toCollection(TreeSet::new));
    List<String> named = new ArrayList<>(resetWatermarks);
    named.addAll(setWatermarks.keySet());
    for (String stage : named) {
      if (!stages.contains(stage)) {
        throw new UsageException(
            "job '" + jobSpec.name() + "' has no stage '" + stage + "'; its stages are " + stages);
      }
    }
    for (String stage : resetWatermarks) {
      if (setWatermarks.containsKey(stage)) {
        throw new UsageException(
            "stage '" + stage + "' is given to both --reset-watermark and --set-watermark");
      }
    }
    setWatermarks.forEach(
        (stage, value) -> {
          if (value.isBlank()) {
            throw new UsageException("--set-watermark " + stage + "= needs a value");
          }
        });
  }

  /**
   * Applies the watermark flags through the job's own state store, before any stage runs. No Spark
   * type in its signature: picocli reads every command's methods when {@code ferry} starts.
   */
  private void changeWatermarks(JobSpec jobSpec, Lake lake) {
    WatermarkStore store = WatermarkStores.open(jobSpec, lake);
    PrintWriter out = spec.commandLine().getOut();
    for (String stage : resetWatermarks) {
      store.reset(jobSpec.name(), stage);
      out.println("Watermark of stage '" + stage + "' reset");
    }
    setWatermarks.forEach(
        (stage, value) -> {
          store.write(jobSpec.name(), stage, value, SET_BY_FLAG);
          out.println("Watermark of stage '" + stage + "' set to " + value);
        });
  }
}
