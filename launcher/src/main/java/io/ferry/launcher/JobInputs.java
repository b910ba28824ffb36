package io.ferry.launcher;

import static java.util.Objects.requireNonNull;

import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.stage.StageRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a job command was given, read but not yet resolved: the job file, the {@code --env} name and
 * file, and the {@code --set} overrides in command-line order.
 */
public record JobInputs(
    JobSource job, Optional<String> envName, Optional<JobSource> env, Map<String, String> sets) {

  public JobInputs {
    requireNonNull(job, "job");
    requireNonNull(envName, "envName");
    requireNonNull(env, "env");
    sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets));
  }

  /** Resolves (env file under the job, {@code --set} on top) and validates every stage. */
  public JobSpec validate(StageRegistry registry) {
    return validate(registry, JobValidator.Checks.ALL);
  }

  /** Resolves and validates with the given checks ({@code validate} skips those needing Spark). */
  public JobSpec validate(StageRegistry registry, JobValidator.Checks checks) {
    return JobValidator.validate(JobLoader.load(job, env, sets), job, registry, checks);
  }
}
