package io.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at a tiny size ({@code bench/run all --smoke --rows 10000}, JVMs with C1
 * only), so it cannot rot: every comparison runs every way's code (bin/ferry for the laptop loop,
 * psql; the other Ferry runs and the hand-written programs in the harness's JVM), and the page
 * holds each with figures that parse and every target with a verdict.
 */
class SmokeRunTest {
  private static final String NUMBER = "\\d+(\\.\\d+)?";
  private static final Pattern RATIO =
      Pattern.compile(
          "- [^*]+: \\*\\*" + NUMBER + "(×| s)\\*\\*( \\(target ≤ [^:]+: (met|missed[^)]*)\\))?");

  /** way | wall | stage (or –) | CPU | PostgreSQL CPU | peak RSS | runs. */
  private static final Pattern COLD_ROW =
      Pattern.compile(
          "\\| [^|]+ \\| N \\| (N|–) \\| N \\| N \\| N \\| N(, N)* \\|".replace("N", NUMBER));

  /** way | wall | CPU | PostgreSQL CPU | runs. */
  private static final Pattern WARM_ROW =
      Pattern.compile("\\| [^|]+ \\| N \\| N \\| N \\| N(, N)* \\|".replace("N", NUMBER));

  @Test
  void aTinyRunOfAllWritesEveryComparisonEveryTargetAndTheChart(@TempDir Path out)
      throws Exception {
    Path root = Bench.root();
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "all",
                "--smoke",
                "--rows",
                "10000",
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
    List<String> ratioLines =
        md.lines().filter(l -> l.startsWith("- ") && l.contains(": **")).toList();
    assertTrue(ratioLines.size() >= 20, "ratios:\n" + String.join("\n", ratioLines));
    for (String line : ratioLines) {
      assertTrue(RATIO.matcher(line).matches(), "a ratio that does not parse: " + line);
    }
    List<String> runRows = runsTableRows(md);
    assertTrue(runRows.size() >= 25, "rows of the runs tables:\n" + String.join("\n", runRows));
    for (String row : runRows) {
      assertTrue(
          COLD_ROW.matcher(row).matches() || WARM_ROW.matcher(row).matches(),
          "a runs table row whose figures do not parse: " + row);
    }
    BufferedImage chart = ImageIO.read(options.chart().toFile());
    assertEquals(1200, chart.getWidth());
    assertTrue(chart.getHeight() > 500, "chart height " + chart.getHeight());
  }

  /** The rows of every table of ways: those after a "| way (" header and its separator. */
  private static List<String> runsTableRows(String md) {
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : md.lines().toList()) {
      if (line.startsWith("| way (")) {
        inTable = true;
      } else if (!line.startsWith("|")) {
        inTable = false;
      } else if (inTable && !line.startsWith("|---")) {
        rows.add(line);
      }
    }
    return rows;
  }
}
