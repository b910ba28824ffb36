package io.ferry.bench.measure;

import static java.util.Objects.requireNonNull;

/**
 * One way of doing a comparison's work, e.g. "Ferry jdbc-ingest" or "COPY TO STDOUT (binary)".
 *
 * @param key short name for logs and ratios, e.g. {@code ferry}
 * @param label what the results table calls it
 * @param before untimed preparation before every run, e.g. emptying the target table
 * @param trial one timed run; given the run's name for its logs and output folders
 */
public record Way(String key, String label, Step before, Trial trial) {

  public Way {
    requireNonNull(key, "key");
    requireNonNull(label, "label");
    requireNonNull(before, "before");
    requireNonNull(trial, "trial");
  }

  public static Way of(String key, String label, Trial trial) {
    return new Way(key, label, () -> {}, trial);
  }

  public Way before(Step step) {
    return new Way(key, label, step, trial);
  }

  /** Untimed work. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** One timed run. */
  @FunctionalInterface
  public interface Trial {
    ProcessSample run(String runName) throws Exception;
  }
}
