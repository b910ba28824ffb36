package io.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at a tiny size ({@code bench/run all --rows 10000 --rounds 1}, JVMs with
 * C1 only), so it cannot rot: every comparison runs its real ways (bin/ferry, the hand-written
 * Spark programs, psql) and the page holds each with figures and every target with a verdict.
 */
class SmokeRunTest {

  @Test
  void aTinyRunOfAllWritesEveryComparisonEveryTargetAndTheChart(@TempDir Path out)
      throws Exception {
    Path root = Bench.root();
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "all",
                "--rows",
                "10000",
                "--rounds",
                "1",
                "--scale",
                "1000,16000",
                "--out",
                out.resolve("RESULTS.md").toString(),
                // C1 only: a third of the JIT's CPU; the smoke run checks the harness, not speed.
                "--jvm-flags",
                "-XX:TieredStopAtLevel=1"),
            root);

    Path page = Suite.run(options, root);

    String md = Files.readString(page);
    for (String heading :
        List.of(
            "## (1) Ingest: PostgreSQL table -> Parquet in the lake",
            "### mixed: 10,000 rows",
            "### text-heavy: 10,000 rows",
            "### wide: 2,500 rows",
            "### mixed, warm: 10,000 rows",
            "## (2) Load: lake -> PostgreSQL warehouse table",
            "## (3) Demo-shaped job vs a hand-written Spark program",
            "## (4) The laptop loop: validate and run",
            "## (5) Scaling: time and peak memory",
            "## (6) Skewed key: range vs quantile splits",
            "## (7) local-cluster vs local mode (the app jar under SparkSubmit)",
            "## How the harness measures")) {
      assertTrue(md.contains(heading), "missing " + heading + " in\n" + md);
    }
    assertFalse(md.contains("| failed |"), md);
    assertFalse(md.contains(": failed\n"), md);
    assertFalse(md.contains("n/a"), md);
    for (String target :
        List.of(
            "| ingest mixed: Ferry stage ÷ faster COPY-out limit |",
            "| ingest text-heavy: Ferry stage ÷ faster COPY-out limit |",
            "| ingest mixed: Ferry whole run ÷ hand-written Spark, hand-set bounds |",
            "| load: Ferry stage ÷ faster COPY-in limit |",
            "| load: Ferry whole run ÷ hand-written Spark JDBC writer |",
            "| demo-shaped job: Ferry whole run ÷ hand-written Spark program |",
            "| laptop: `bin/ferry validate` wall time |",
            "| laptop: `bin/ferry run` of a 10-row one-stage job, wall time |",
            "| scaling 1,000 -> 16,000 rows (16×): time |",
            "| scaling 1,000 -> 16,000 rows (16×): peak RSS |")) {
      assertTrue(md.contains(target), "missing target " + target + " in\n" + md);
    }
    BufferedImage chart = ImageIO.read(options.chart().toFile());
    assertEquals(1200, chart.getWidth());
    assertTrue(chart.getHeight() > 500, "chart height " + chart.getHeight());
  }
}
