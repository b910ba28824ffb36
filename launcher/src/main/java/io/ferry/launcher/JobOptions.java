package io.ferry.launcher;

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

/**
 * The options every job command shares: the job file, {@code --env} and {@code --set}. Public for
 * commands in sub-packages ({@code ferry export}).
 */
public final class JobOptions {
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
   * Loads, resolves and runs every check; problems surface as InvalidJobException (exit code 2),
   * warnings (deprecated option names) go to stderr.
   */
  public JobSpec load(StageRegistry registry) {
    return load(registry, JobValidator.Checks.ALL);
  }

  /** Loads, resolves and runs the given checks. */
  JobSpec load(StageRegistry registry, JobValidator.Checks checks) {
    JobSpec spec = read().validate(registry, checks);
    spec.warnings().forEach(w -> System.err.println("warning: " + w));
    return spec;
  }

  /**
   * Reads the job file and the {@code --env} file, once each.
   *
   * <p>A file that cannot be found or read is a usage error: exit code 2.
   */
  public JobInputs read() {
    JobSource source = JobFiles.read(job);
    Optional<JobSource> envSource = Optional.ofNullable(env).map(e -> JobFiles.read(findEnv(e)));
    return new JobInputs(source, Optional.ofNullable(env), envSource, sets);
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

  /** The job and env files as given, e.g. {@code conf/jobs/x.conf with env prod}. */
  public String describe() {
    return env == null ? job : job + " with env " + env;
  }
}
