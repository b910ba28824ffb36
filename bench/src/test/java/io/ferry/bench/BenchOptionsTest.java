package io.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final Path ROOT = Path.of("/checkout");

  @Test
  void allRunsEveryComparisonAtTheDefaultsAndWritesBenchResults() {
    BenchOptions o = BenchOptions.parse(List.of("all"), ROOT);

    assertEquals(BenchOptions.ALL, o.comparisons());
    assertEquals(500_000, o.rows());
    assertEquals(3, o.rounds());
    assertEquals(List.of(125_000L, 500_000L, 2_000_000L), o.scale());
    assertEquals(Path.of("/checkout/bench/RESULTS.md"), o.results());
    assertEquals(Path.of("/checkout/bench/RESULTS.png"), o.chart());
    assertEquals(Duration.ofMinutes(20), o.timeout());
    assertEquals("bench/run all", o.command());
  }

  @Test
  void sizesTakeSuffixesAndComparisonsKeepThePagesOrder() {
    BenchOptions o =
        BenchOptions.parse(
            List.of(
                "skew", "ingest", "--rows", "4M", "--scale", "16M,1M,4_000_000", "--rounds", "5"),
            ROOT);

    assertEquals(List.of("ingest", "skew"), o.comparisons());
    assertEquals(4_000_000, o.rows());
    assertEquals(5, o.rounds());
    assertEquals(List.of(1_000_000L, 4_000_000L, 16_000_000L), o.scale());
    assertEquals(Path.of("/checkout/bench/target/bench-results/RESULTS.md"), o.results());
  }

  @Test
  void outNamesThePageAndTheChartBesideIt() {
    BenchOptions o = BenchOptions.parse(List.of("all", "--out", "/tmp/x/smoke.md"), ROOT);

    assertEquals(Path.of("/tmp/x/smoke.md"), o.results());
    assertEquals(Path.of("/tmp/x/smoke.png"), o.chart());
  }

  @Test
  void badArgumentsSayWhatIsExpected() {
    assertEquals(
        "unknown argument 'ingset'; expected all, one of [ingest, load, demo, laptop, scaling,"
            + " skew, cluster] or an option (--rows, --rounds, --scale, --out, --timeout-minutes,"
            + " --profile, --app-jar, --jvm-flags, --smoke)",
        message(List.of("ingset")));
    assertEquals(
        "--rows expects a positive number such as 10000, 10k or 4M, found 'many'",
        message(List.of("all", "--rows", "many")));
    assertEquals("--rounds needs a value", message(List.of("all", "--rounds")));
    assertEquals(
        "name the comparisons to run: all, or some of [ingest, load, demo, laptop, scaling, skew,"
            + " cluster]",
        message(List.of("--rows", "10k")));
    assertEquals(
        "--scale needs at least two sizes, found [1000000]",
        message(List.of("all", "--scale", "1M")));
    assertEquals(
        "--smoke runs one round, found --rounds 3",
        message(List.of("all", "--smoke", "--rounds", "3")));
  }

  @Test
  void aSmokeRunIsOneRoundAndNeverWritesBenchResults() {
    BenchOptions o = BenchOptions.parse(List.of("all", "--smoke"), ROOT);

    assertTrue(o.smoke());
    assertEquals(1, o.rounds());
    assertEquals(Path.of("/checkout/bench/target/bench-results/RESULTS.md"), o.results());
    assertFalse(BenchOptions.parse(List.of("all"), ROOT).smoke());
  }

  private static String message(List<String> args) {
    return assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args, ROOT))
        .getMessage();
  }
}
