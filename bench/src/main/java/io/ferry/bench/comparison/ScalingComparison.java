package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.data.Shape;
import io.ferry.bench.measure.Rounds;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayRuns;
import io.ferry.bench.report.Ratio;
import io.ferry.bench.report.RunsTable;
import io.ferry.bench.report.Section;
import io.ferry.bench.report.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Comparison (5): Ferry's ingest of the mixed table at growing sizes ({@code --scale}, default a
 * quarter, one and four times {@code --rows}), alternating sizes within each round: wall time and
 * peak RSS of the whole process. The targets are for 16 times the rows (1 M to 16 M): at
 * most 17 times the time and 1.2 times the peak RSS; for other spans the time target scales with
 * the rows (17/16 of their factor).
 */
public final class ScalingComparison implements Comparison {
  static final double RSS_GOAL = 1.2;

  @Override
  public String name() {
    return "scaling";
  }

  @Override
  public Section run(Harness h) throws Exception {
    List<Long> sizes = h.options().scale();
    List<Way> ways = new ArrayList<>();
    for (long size : sizes) {
      String table = h.table(Shape.MIXED, size);
      Path job = IngestComparison.job(h, "scale_" + size, table, "");
      ways.add(
          Way.of(
              Long.toString(size),
              String.format(Locale.ROOT, "Ferry ingest, %,d rows", size),
              h.ferry(job, "rows", OptionalLong.of(size))));
    }
    Map<String, WayRuns> runs = Rounds.alternate("scaling", ways, h.options().rounds());
    StringBuilder md = new StringBuilder();
    md.append(
        "Ferry's `jdbc-ingest` of the mixed table (as in (1)) at each size, one cold `bin/ferry"
            + " run` per size and round, sizes alternating.\n\n");
    md.append(RunsTable.cold(runs.values())).append('\n');
    md.append("| rows | rows/s (whole run) | rows/s (stage) |\n|---|---|---|\n");
    for (long size : sizes) {
      WayRuns w = runs.get(Long.toString(size));
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s |%n",
              size,
              perSecond(size, w.wallSeconds()),
              perSecond(size, w.stageSeconds())));
    }
    md.append('\n');
    long small = sizes.get(0);
    long large = sizes.get(sizes.size() - 1);
    double factor = (double) large / small;
    WayRuns a = runs.get(Long.toString(small));
    WayRuns b = runs.get(Long.toString(large));
    String span = String.format(Locale.ROOT, "%,d -> %,d rows (%.0f×)", small, large, factor);
    List<Ratio> ratios =
        List.of(
            Ratio.of("scaling " + span + ": time", b.wallSeconds(), a.wallSeconds())
                .against(Target.atMost(factor * 17 / 16)),
            Ratio.of("scaling " + span + ": peak RSS", b.peakRssMib(), a.peakRssMib())
                .against(Target.atMost(RSS_GOAL)));
    md.append(RunsTable.ratios(ratios)).append('\n');
    if (factor != 16) {
      md.append(
          "The issue's targets are for 1 M -> 16 M rows (`--scale 1M,4M,16M`); the time target"
              + " above is scaled to this span's factor.\n");
    }
    return new Section(name(), "(5) Scaling: time and peak memory", md.toString(), ratios);
  }

  private static String perSecond(long rows, OptionalDouble seconds) {
    return seconds.isPresent()
        ? String.format(Locale.ROOT, "%,.0f", rows / seconds.getAsDouble())
        : "–";
  }
}
