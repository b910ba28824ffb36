package io.ferry.bench.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The samples of one method across rounds, and the stage's phase times of its last Ferry run. */
final class Measure {
  private final List<Sample> samples = new ArrayList<>();
  private Map<String, Object> lastPhases = Map.of();

  void add(Sample sample) {
    samples.add(sample);
  }

  void phases(Map<String, Object> phases) {
    lastPhases = phases;
  }

  String phases() {
    StringBuilder out = new StringBuilder();
    lastPhases.forEach(
        (phase, value) ->
            out.append(out.length() == 0 ? "" : ", ")
                .append(phase.replace("_ms", ""))
                .append(' ')
                .append(
                    value instanceof Number ms
                        ? String.format(Locale.ROOT, "%.2f", ms.longValue() / 1000.0)
                        : value));
    return out.toString();
  }

  double medianSeconds() {
    return median(samples.stream().map(Sample::wallMillis).toList()) / 1000.0;
  }

  double medianCpuSeconds() {
    return median(samples.stream().map(Sample::cpuMillis).toList()) / 1000.0;
  }

  long maxPeakHeapMiB() {
    return samples.stream().mapToLong(Sample::peakHeapBytes).max().orElse(0) / (1024 * 1024);
  }

  long maxAfterGcMiB() {
    return samples.stream().mapToLong(Sample::peakAfterGcBytes).max().orElse(0) / (1024 * 1024);
  }

  String runs() {
    return samples.stream()
        .map(s -> String.format(Locale.ROOT, "%.2f", s.wallMillis() / 1000.0))
        .toList()
        .toString();
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
