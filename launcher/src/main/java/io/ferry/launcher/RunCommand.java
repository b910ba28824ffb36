package io.ferry.launcher;

import io.ferry.core.job.JobSpec;
import io.ferry.core.run.ConsoleSummary;
import io.ferry.core.run.PipelineRunner;
import io.ferry.core.run.RunReport;
import io.ferry.core.run.RunRequest;
import io.ferry.core.stage.StageRegistry;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StageRegistry registry = StageRegistry.load();
    JobSpec jobSpec = job.load(registry);
    RunRequest request = new RunRequest(Optional.ofNullable(runId), OptionalDouble.empty());
    SparkSession spark = SparkSessions.getOrCreate(jobSpec, Optional.ofNullable(master));
    RunReport report = new PipelineRunner(registry).run(jobSpec, request, spark);
    spec.commandLine().getOut().print(ConsoleSummary.render(report));
    spec.commandLine().getOut().flush();
    return report.exitCode();
  }
}
