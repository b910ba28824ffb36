package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import io.ferry.core.stage.FailureCode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one stage went, for the run report.
 *
 * @param error the failure's message, redacted, when the stage failed
 * @param failureCode the failure's code (and so its kind), when the stage failed
 */
public record StageReport(
    String name,
    String type,
    Status status,
    Optional<Instant> startedAt,
    long durationMillis,
    OptionalLong rowsIn,
    OptionalLong rowsOut,
    Map<String, Object> metrics,
    long executorCpuMillis,
    long processCpuMillis,
    Optional<String> error,
    Optional<FailureCode> failureCode) {

  public enum Status {
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  public StageReport {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(status, "status");
    metrics = Map.copyOf(metrics);
    requireNonNull(error, "error");
    requireNonNull(failureCode, "failureCode");
  }

  StageReport withExecutorCpuMillis(long millis) {
    return new StageReport(
        name,
        type,
        status,
        startedAt,
        durationMillis,
        rowsIn,
        rowsOut,
        metrics,
        millis,
        processCpuMillis,
        error,
        failureCode);
  }

  StageReport withRowsOut(OptionalLong rows) {
    return new StageReport(
        name,
        type,
        status,
        startedAt,
        durationMillis,
        rowsIn,
        rows,
        metrics,
        executorCpuMillis,
        processCpuMillis,
        error,
        failureCode);
  }

  static StageReport skipped(String name, String type) {
    return new StageReport(
        name,
        type,
        Status.SKIPPED,
        Optional.empty(),
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        Map.of(),
        0,
        0,
        Optional.empty(),
        Optional.empty());
  }
}
