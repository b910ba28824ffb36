package io.ferry.bench;

import io.ferry.bench.comparison.ClusterComparison;
import io.ferry.bench.comparison.Comparison;
import io.ferry.bench.comparison.DemoComparison;
import io.ferry.bench.comparison.IngestComparison;
import io.ferry.bench.comparison.LaptopComparison;
import io.ferry.bench.comparison.LoadComparison;
import io.ferry.bench.comparison.ScalingComparison;
import io.ferry.bench.comparison.SkewComparison;
import io.ferry.bench.report.RatioChart;
import io.ferry.bench.report.ResultsPage;
import io.ferry.bench.report.Section;
import io.ferry.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs the chosen comparisons in order on one embedded PostgreSQL and writes the results page and
 * its chart. A comparison that throws gets a section saying so; the others still run.
 */
public final class Suite {
  private static final List<Comparison> COMPARISONS =
      List.of(
          new IngestComparison(),
          new LoadComparison(),
          new DemoComparison(),
          new LaptopComparison(),
          new ScalingComparison(),
          new SkewComparison(),
          new ClusterComparison());

  private Suite() {}

  /** Runs everything the options name; returns the page written. */
  public static Path run(BenchOptions options, Path root) throws Exception {
    long started = System.nanoTime();
    Path work = workFolder(options, root);
    deleteTree(work);
    Files.createDirectories(work);
    PostgresServer server = PostgresServer.shared();
    Harness h = new Harness(options, root, work, server);
    Machine machine = Machine.describe(root, h.db());
    h.log("options " + options);
    preflight(h, root);
    List<Section> sections = new ArrayList<>();
    for (String name : options.comparisons()) {
      Comparison comparison =
          COMPARISONS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
      h.log("comparison " + name);
      try {
        sections.add(comparison.run(h));
      } catch (Exception e) {
        h.log("comparison " + name + " failed: " + e);
        sections.add(
            new Section(
                name,
                name + ": failed",
                "The comparison failed and has no figures: `" + e + "`\n",
                List.of()));
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    Files.createDirectories(options.results().getParent());
    List<io.ferry.bench.report.Ratio> ratios = new ArrayList<>();
    sections.forEach(s -> ratios.addAll(s.ratios()));
    RatioChart.write(
        ratios,
        "Ferry ÷ its peers and limits (cold unless marked warm; bench/RESULTS.md)",
        options.chart());
    Files.writeString(
        options.results(),
        ResultsPage.render(
            header(options, machine, minutes),
            options.chart().getFileName().toString(),
            sections,
            method(h)));
    h.log("done in " + String.format(Locale.ROOT, "%.1f", minutes) + " min");
    return options.results();
  }

  /**
   * Deletes bin/ferry's class-data sharing archives, so that this run's first {@code validate} and
   * first {@code run} write them (as a user's first commands do) instead of mapping whatever
   * earlier commands left. Then starts bin/ferry once, untimed, so that the first measured process
   * does not pay for reading the jars from disk into the page cache.
   */
  private static void preflight(Harness h, Path root) throws Exception {
    for (String name : List.of("ferry.jsa", "ferry-quick.jsa")) {
      Path archive = root.resolve("launcher/target").resolve(name);
      if (Files.deleteIfExists(archive)) {
        h.log("deleted " + archive + "; this run's first validate or run writes it again");
      }
    }
    h.timer().run("preflight-ferry-version", h.programs().ferry("preflight", "--version"));
  }

  /**
   * bench/target/bench-work for the page in its default place; beside the page given with --out
   * otherwise, so that two runs with different pages do not share a work folder.
   */
  static Path workFolder(BenchOptions options, Path root) {
    Path page = options.results().getParent();
    return page.startsWith(root.resolve("bench"))
        ? root.resolve("bench/target/bench-work")
        : page.resolve("bench-work");
  }

  private static String header(BenchOptions o, Machine m, double minutes) {
    return String.format(
        Locale.ROOT,
        """
        | | |
        |---|---|
        | date (UTC) | %s |
        | commit | %s |
        | command | `%s` |
        | machine | %d cores (%s), %s RAM, %s; shared with other developers' builds unless the \
        figures were re-run on a quiet machine, so read ratios (measured in the same run), not \
        absolute times |
        | software | %s; PostgreSQL %s (embedded, loopback) |
        | extra JVM flags | %s |
        | kind of run | %s |
        | load average at start / end | %s / %s |
        | run time | %.1f min |
        """,
        m.date(),
        m.commit(),
        o.command(),
        m.cores(),
        m.cpu(),
        m.memory(),
        m.os(),
        m.jvm(),
        m.postgres(),
        o.jvmFlags().isEmpty()
            ? "none (bin/ferry's and the hand-written programs' JVMs as users start them)"
            : "`" + String.join(" ", o.jvmFlags()) + "`: a smoke run, figures not comparable",
        o.smoke()
            ? "smoke (`--smoke`): one round, no warm-up; Ferry and the hand-written programs ran"
                + " inside the harness's JVM except the laptop loop and the app jar in local mode,"
                + " so \"cold\" rows are not cold: figures mean nothing"
            : "full: every cold way its own process",
        m.loadAtStart(),
        Machine.loadAverage(),
        minutes);
  }

  private static String method(Harness h) {
    return """
        - **Cold** (every table unless marked warm): each way is its own process, started fresh \
        (`bin/ferry run` for Ferry; `java` with bin/ferry's JVM flags and heap for the \
        hand-written Spark programs; psql for the database's own COPY). The ways alternate \
        within each round and the order rotates every round; figures are medians over the \
        rounds. Wall time runs from starting the process to its exit (JVM start included). \
        CPU and peak memory: %s.
        - **PostgreSQL CPU** is the server's CPU for the run's connections (the postmaster's \
        accounting of its ended backends), so COPY's server-side work is visible too.
        - **Warm** figures run inside the harness's own JVM (Spark `local[2]`) after one \
        untimed warm-up round: beside the cold ones, never instead.
        - **Limits**: ingest against the faster of text and binary `COPY (SELECT ...) TO STDOUT` \
        into a null sink; load against the faster of CSV and binary `COPY FROM STDIN` of the \
        same rows, prepared as files before timing.
        - Ratios with a target compare Ferry's stage time (from its run report) with the limit, \
        and whole processes with whole processes for the peers.
        - Every Ferry run's report is checked (succeeded, all rows); loads are checked by row \
        count and, for Ferry, row for row against the COPY limit's table.
        - Logs of every process, and the job files Ferry ran: bench/target/bench-work/logs/ and \
        jobs/ (beside the page when it was written elsewhere with `--out`).
        """
        .formatted(h.timer().method());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
