package io.ferry.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code bench/run}, parsed and checked.
 *
 * @param comparisons the comparisons to run, in the page's order
 * @param rows nominal rows of the source tables
 * @param rounds alternating rounds of every comparison (at least 1; 3 or more for figures)
 * @param scale the sizes of the scaling comparison, ascending
 * @param results the Markdown page to write
 * @param chart the PNG chart to write beside it
 * @param timeout the longest one process may run
 * @param profile whether every JVM way records a JFR profile (bench/target/bench-work/profiles)
 * @param appJar the app jar for the cluster comparison; default: the launcher's, when it is one
 * @param jvmFlags extra flags for every JVM way (bin/ferry and the hand-written programs), e.g.
 *     {@code -XX:TieredStopAtLevel=1} for a cheap smoke run; empty for real figures
 * @param smoke a smoke run ({@code --smoke}, one round): proves every comparison's code path runs
 *     and its page parses, at a fraction of the cost. No warm-up rounds; Ferry and the hand-written
 *     Spark programs run inside the harness's JVM, except the ways whose point is the process: the
 *     laptop loop's ({@code java -version} with the programs' flags, {@code bin/ferry validate} and
 *     {@code run}) and the app jar under SparkSubmit (local mode only). Its figures mean nothing.
 * @param command the command line as given, for the page
 */
public record BenchOptions(
    List<String> comparisons,
    long rows,
    int rounds,
    List<Long> scale,
    Path results,
    Path chart,
    Duration timeout,
    boolean profile,
    Optional<Path> appJar,
    List<String> jvmFlags,
    boolean smoke,
    String command) {

  /** Every comparison, in the page's order. */
  public static final List<String> ALL =
      List.of("ingest", "load", "demo", "laptop", "scaling", "skew", "cluster");

  static final long DEFAULT_ROWS = 500_000;
  static final int DEFAULT_ROUNDS = 3;

  public BenchOptions {
    comparisons = List.copyOf(requireNonNull(comparisons, "comparisons"));
    scale = List.copyOf(requireNonNull(scale, "scale"));
    requireNonNull(results, "results");
    requireNonNull(chart, "chart");
    requireNonNull(timeout, "timeout");
    requireNonNull(appJar, "appJar");
    jvmFlags = List.copyOf(requireNonNull(jvmFlags, "jvmFlags"));
    requireNonNull(command, "command");
    if (rows < 10) {
      throw new IllegalArgumentException("--rows must be at least 10, found " + rows);
    }
    if (smoke && rounds != 1) {
      throw new IllegalArgumentException("--smoke runs one round, found --rounds " + rounds);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, found " + rounds);
    }
    if (scale.size() < 2) {
      throw new IllegalArgumentException("--scale needs at least two sizes, found " + scale);
    }
  }

  /**
   * Parses {@code all | COMPARISON... [--rows N] [--rounds R] [--scale A,B,...] [--out FILE.md]
   * [--timeout-minutes M] [--profile] [--app-jar JAR] [--jvm-flags "FLAGS"] [--smoke]}. Sizes take
   * a {@code k} or {@code M} suffix (4M = 4,000,000).
   *
   * @param root the checkout, where the default page goes (bench/RESULTS.md)
   * @throws IllegalArgumentException naming the bad argument and what is expected
   */
  public static BenchOptions parse(List<String> args, Path root) {
    List<String> comparisons = new ArrayList<>();
    long rows = DEFAULT_ROWS;
    int rounds = DEFAULT_ROUNDS;
    List<Long> scale = null;
    Path out = null;
    long timeoutMinutes = 20;
    boolean profile = false;
    Path appJar = null;
    List<String> jvmFlags = List.of();
    boolean smoke = false;
    Integer givenRounds = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--rows" -> rows = size(value(args, ++i, arg), arg);
        case "--rounds" -> givenRounds = (int) size(value(args, ++i, arg), arg);
        case "--scale" ->
            scale =
                Arrays.stream(value(args, ++i, arg).split(","))
                    .map(s -> size(s.strip(), "--scale"))
                    .sorted()
                    .toList();
        case "--out" -> out = Path.of(value(args, ++i, arg)).toAbsolutePath();
        case "--timeout-minutes" -> timeoutMinutes = size(value(args, ++i, arg), arg);
        case "--profile" -> profile = true;
        case "--app-jar" -> appJar = Path.of(value(args, ++i, arg)).toAbsolutePath();
        case "--jvm-flags" -> jvmFlags = List.of(value(args, ++i, arg).strip().split("\\s+"));
        case "--smoke" -> smoke = true;
        case "all" -> comparisons.addAll(ALL);
        default -> {
          if (!ALL.contains(arg)) {
            throw new IllegalArgumentException(
                "unknown argument '"
                    + arg
                    + "'; expected all, one of "
                    + ALL
                    + " or an option"
                    + " (--rows, --rounds, --scale, --out, --timeout-minutes, --profile, --app-jar,"
                    + " --jvm-flags, --smoke)");
          }
          comparisons.add(arg);
        }
      }
    }
    if (givenRounds != null) {
      rounds = givenRounds;
    } else if (smoke) {
      rounds = 1;
    }
    if (comparisons.isEmpty()) {
      throw new IllegalArgumentException("name the comparisons to run: all, or some of " + ALL);
    }
    List<Long> sizes = scale != null ? scale : List.of(rows / 4, rows, rows * 4);
    Path results =
        out != null
            ? out
            : comparisons.equals(ALL) && !smoke
                ? root.resolve("bench/RESULTS.md")
                : root.resolve("bench/target/bench-results/RESULTS.md");
    Path chart =
        results.resolveSibling(results.getFileName().toString().replaceAll("\\.md$", "") + ".png");
    return new BenchOptions(
        ALL.stream().filter(comparisons::contains).toList(),
        rows,
        rounds,
        sizes,
        results,
        chart,
        Duration.ofMinutes(timeoutMinutes),
        profile,
        Optional.ofNullable(appJar),
        jvmFlags,
        smoke,
        "bench/run " + String.join(" ", args));
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  /** 10000, 10_000, 10k, 4M. */
  static long size(String text, String option) {
    String s = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
    long factor = 1;
    if (s.endsWith("k")) {
      factor = 1_000;
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      factor = 1_000_000;
      s = s.substring(0, s.length() - 1);
    }
    try {
      long value = Long.parseLong(s) * factor;
      if (value <= 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " expects a positive number such as 10000, 10k or 4M, found '" + text + "'");
    }
  }
}
