package io.ferry.bench;

import java.util.List;

/**
 * One benchmark of the harness, found through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.ferry.bench.Benchmark}). A benchmark measures Ferry against its baselines in
 * the same run, alternating them, and reports ratios; absolute times only describe this machine.
 */
public interface Benchmark {

  /** The name given to {@code bench/run}, e.g. {@code ingest}. */
  String name();

  /** One line for {@code bench/run --list}. */
  String description();

  /**
   * Runs the benchmark and returns the Markdown section to record in bench/RESULTS.md.
   *
   * @param args the arguments after the benchmark's name on the command line
   */
  String run(List<String> args) throws Exception;
}
