package io.ferry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TimeZone;

/**
 * The harness's entry point, {@code bench/run all [--rows N] [--rounds R] [--scale A,B,C] [--out
 * FILE.md]}: see {@link BenchOptions#parse} and bench/README.md.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    Path root = root();
    BenchOptions options;
    try {
      options = BenchOptions.parse(Arrays.asList(args), root);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(
          "usage: bench/run all|COMPARISON... [--rows 500k] [--rounds 3] [--scale 125k,500k,2M]"
              + " [--out FILE.md] [--timeout-minutes 20] [--profile] [--app-jar JAR] [--jvm-flags FLAGS];"
              + " comparisons: "
              + BenchOptions.ALL);
      System.exit(2);
      return;
    }
    Path results = Suite.run(options, root);
    System.out.println("bench: wrote " + results + " and " + options.chart());
    // Spark's and PostgreSQL's non-daemon threads would keep the JVM; the shutdown hooks stop them.
    System.exit(0);
  }

  /** The checkout: {@code -Dbench.root}, else the first folder upwards holding bin/ferry. */
  static Path root() {
    String given = System.getProperty("bench.root");
    if (given != null) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("bin/ferry"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the Ferry checkout (a folder holding bin/ferry) above "
            + Path.of("").toAbsolutePath()
            + "; set -Dbench.root");
  }
}
