package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.report.Section;

/**
 * One comparison of the list: runs its ways cold (each its own process, alternating rounds)
 * and, where it says so, warm beside them, and returns its part of the results page.
 */
public interface Comparison {

  /** The name given to {@code bench/run}, e.g. {@code ingest}. */
  String name();

  /** Runs the comparison; the harness holds the database, the programs and the options. */
  Section run(Harness harness) throws Exception;
}
