package io.ferry.bench.measure;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One cold run of one way: a whole process from start to exit.
 *
 * @param wallMillis from starting the process to its exit
 * @param cpuMillis user + system CPU of the process and the children it waited for
 * @param peakRssKib the largest resident set of the process (or of its largest child)
 * @param serverCpuMillis CPU spent meanwhile by PostgreSQL processes that ended (the backends that
 *     served the run's connections), read from the postmaster's accounting of its children
 * @param stageMillis the Ferry stage's own time from its run report, when the way is a Ferry run
 * @param phases further times from the run report (e.g. {@code plan_ms}), in milliseconds
 */
public record ProcessSample(
    long wallMillis,
    long cpuMillis,
    long peakRssKib,
    long serverCpuMillis,
    OptionalLong stageMillis,
    Map<String, Long> phases) {

  public ProcessSample {
    requireNonNull(stageMillis, "stageMillis");
    phases = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(phases, "phases")));
  }

  /** The same run with what its run report says about the stage. */
  public ProcessSample withStage(long millis, Map<String, Long> reportPhases) {
    return new ProcessSample(
        wallMillis, cpuMillis, peakRssKib, serverCpuMillis, OptionalLong.of(millis), reportPhases);
  }
}
