package io.ferry.sink.redshift.bookkeeping;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One committed load, as a row of {@code ferry_loads}.
 *
 * @param target the target table, quoted
 * @param mode the load mode, as written in the job
 * @param rows rows the load moved into the target
 * @param watermarks the watermarks, by stage, that committed with the rows
 */
public record LoadRecord(
    String job,
    String stage,
    String runId,
    String target,
    String mode,
    long rows,
    Map<String, String> watermarks,
    Instant loadedAt) {

  public LoadRecord {
    requireNonNull(job, "job");
    requireNonNull(stage, "stage");
    requireNonNull(runId, "runId");
    requireNonNull(target, "target");
    requireNonNull(mode, "mode");
    watermarks = Map.copyOf(watermarks);
    requireNonNull(loadedAt, "loadedAt");
  }
}
