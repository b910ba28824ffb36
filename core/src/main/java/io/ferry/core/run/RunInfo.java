package io.ferry.core.run;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Facts about one run that every stage may read.
 *
 * @param sample when present, the fraction of every source that ingest stages read (laptop runs)
 */
public record RunInfo(
    String job, String runId, Instant startedAt, Config params, OptionalDouble sample) {
  public RunInfo {
    requireNonNull(job, "job");
    requireNonNull(runId, "runId");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(params, "params");
    requireNonNull(sample, "sample");
  }
}
