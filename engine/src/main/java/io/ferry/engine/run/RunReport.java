package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import io.ferry.core.stage.FailureCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a run went: written as JSON to the lake and summarised on the console.
 *
 * @param error the failed stage's message, prefixed once with its name
 * @param failureCode the failed stage's failure code
 */
public record RunReport(
    String job,
    String runId,
    Status status,
    Instant startedAt,
    Instant endedAt,
    String sparkMaster,
    String sparkApplicationId,
    List<StageReport> stages,
    Optional<String> error,
    Optional<FailureCode> failureCode,
    Optional<String> location) {

  public enum Status {
    SUCCEEDED,
    FAILED
  }

  public RunReport {
    requireNonNull(job, "job");
    requireNonNull(runId, "runId");
    requireNonNull(status, "status");
    stages = List.copyOf(stages);
  }

  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }

  /** 0 when every stage succeeded, 1 when one failed. */
  public int exitCode() {
    return status == Status.SUCCEEDED ? 0 : 1;
  }

  public Optional<StageReport> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  RunReport withLocation(String path) {
    return new RunReport(
        job,
        runId,
        status,
        startedAt,
        endedAt,
        sparkMaster,
        sparkApplicationId,
        stages,
        error,
        failureCode,
        Optional.of(path));
  }
}
