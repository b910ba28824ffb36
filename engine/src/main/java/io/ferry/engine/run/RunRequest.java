package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to run a job: its run id (generated when empty) and an optional sample fraction for laptop
 * runs.
 */
public record RunRequest(Optional<String> runId, OptionalDouble sample) {
  public RunRequest {
    requireNonNull(runId, "runId");
    requireNonNull(sample, "sample");
    runId
        .map(RunIds::check)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  public static RunRequest defaults() {
    return new RunRequest(Optional.empty(), OptionalDouble.empty());
  }
}
