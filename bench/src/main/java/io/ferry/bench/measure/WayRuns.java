package io.ferry.bench.measure;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;

/** The runs of one way across rounds, or why it stopped. */
public final class WayRuns {
  private final Way way;
  private final List<ProcessSample> samples = new ArrayList<>();
  private String failure;

  WayRuns(Way way) {
    this.way = requireNonNull(way, "way");
  }

  public Way way() {
    return way;
  }

  void add(ProcessSample sample) {
    samples.add(sample);
  }

  void fail(String message) {
    failure = message;
  }

  /** Why the way has no figure: its process failed; later rounds skipped it. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  public boolean measured() {
    return failure == null && !samples.isEmpty();
  }

  public List<ProcessSample> samples() {
    return List.copyOf(samples);
  }

  /** Median wall time in seconds; empty when the way failed. */
  public OptionalDouble wallSeconds() {
    return median(ProcessSample::wallMillis);
  }

  public OptionalDouble cpuSeconds() {
    return median(ProcessSample::cpuMillis);
  }

  public OptionalDouble serverCpuSeconds() {
    return median(ProcessSample::serverCpuMillis);
  }

  /** Median of the Ferry stage's own time, from its run reports. */
  public OptionalDouble stageSeconds() {
    if (!measured() || samples.get(0).stageMillis().isEmpty()) {
      return OptionalDouble.empty();
    }
    return median(s -> s.stageMillis().orElseThrow());
  }

  /**
   * The median of the runs' peak RSS, in MiB. A median like the times', not the largest: the first
   * bin/ferry run of a harness run also writes bin/ferry's class-data sharing archive, which takes
   * hundreds of MiB more than any later run (a user's first run after a build does the same, once).
   */
  public OptionalDouble peakRssMib() {
    OptionalDouble kib = median(ProcessSample::peakRssKib);
    return kib.isPresent() ? OptionalDouble.of(kib.getAsDouble() * 1000 / 1024.0) : kib;
  }

  /** Median of one run-report phase in seconds, e.g. {@code plan_ms}. */
  public OptionalDouble phaseSeconds(String phase) {
    if (!measured() || !samples.stream().allMatch(s -> s.phases().containsKey(phase))) {
      return OptionalDouble.empty();
    }
    return median(s -> s.phases().get(phase));
  }

  /** The phases the run reports named, in their order. */
  public List<String> phaseNames() {
    return measured() ? List.copyOf(samples.get(0).phases().keySet()) : List.of();
  }

  /** Every run's wall time, in run order, e.g. {@code 9.8, 10.1, 9.9}. */
  public String runs() {
    return String.join(
        ", ",
        samples.stream()
            .map(s -> String.format(Locale.ROOT, "%.2f", s.wallMillis() / 1000.0))
            .toList());
  }

  private OptionalDouble median(ToLongFunction<ProcessSample> value) {
    if (!measured()) {
      return OptionalDouble.empty();
    }
    long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
    int n = sorted.length;
    double millis = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return OptionalDouble.of(millis / 1000.0);
  }
}
