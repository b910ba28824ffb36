package io.ferry.launcher;

import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.stage.StageRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every job command shares: the job file, {@code --env} and {@code --set}. */
final class JobOptions {
  @Parameters(
      index = "0",
      paramLabel = "JOB",
      description = "Job file: a path, classpath:conf/jobs/x.conf, or s3://bucket/jobs/x.conf.")
  String job;

  @Option(
      names = "--env",
      paramLabel = "NAME|FILE",
      description =
          "Environment overlay under the job: conf/env/NAME.conf beside the job's folder, in"
              + " ./conf/env, or on the classpath; or a file path or s3:// URI.")
  String env;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override one value, e.g. --set params.run_date=2026-11-23. Wins over all files.")
  Map<String, String> sets = new LinkedHashMap<>();

  /**
   * Loads, resolves and validates; problems surface as InvalidJobException (exit code 2), warnings
   * (deprecated option names) go to stderr.
   */
  JobSpec load(StageRegistry registry) {
    JobSource source = JobFiles.read(job);
    Optional<JobSource> envSource = Optional.ofNullable(env).map(e -> JobFiles.read(findEnv(e)));
    var config = JobLoader.load(source, envSource, sets);
    JobSpec spec = JobValidator.validate(config, source, registry);
    spec.warnings().forEach(w -> System.err.println("warning: " + w));
    return spec;
  }

  private String findEnv(String name) {
    List<String> candidates = JobFiles.envCandidates(name, job);
    return candidates.stream()
        .filter(JobFiles::exists)
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "no environment file for --env "
                        + name
                        + "; looked for "
                        + String.join(", ", candidates)));
  }

  String describe() {
    return env == null ? job : job + " with env " + env;
  }
}
