package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** How one stage went, for the run report. */
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
    Optional<String> error) {

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
        error);
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
        Optional.empty());
  }
}
