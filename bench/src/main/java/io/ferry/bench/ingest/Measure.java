package io.ferry.bench.ingest;

import java.util.ArrayList;
import java.util.List;

/** The samples of one method across rounds. */
final class Measure {
  private final List<Sample> samples = new ArrayList<>();

  void add(Sample sample) {
    samples.add(sample);
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

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
