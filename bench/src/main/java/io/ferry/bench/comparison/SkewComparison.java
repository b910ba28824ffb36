package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.data.Shape;
import io.ferry.bench.measure.Rounds;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayRuns;
import io.ferry.bench.report.Ratio;
import io.ferry.bench.report.RunsTable;
import io.ferry.bench.report.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Comparison (6): Ferry's ingest of the skewed table with {@code split-strategy = range} (equal key
 * ranges: almost every row in one partition) and {@code quantile} (equal row counts), cold.
 */
public final class SkewComparison implements Comparison {

  @Override
  public String name() {
    return "skew";
  }

  @Override
  public Section run(Harness h) throws Exception {
    long rows = Shape.SKEWED.rows(h.options().rows());
    String table = h.table(Shape.SKEWED, h.options().rows());
    List<Way> ways = new ArrayList<>();
    for (String strategy : List.of("range", "quantile")) {
      Path job = IngestComparison.job(h, "skew_" + strategy, table, "split-strategy = " + strategy);
      ways.add(
          Way.of(
              strategy,
              "Ferry ingest, `split-strategy = " + strategy + "`",
              h.ferry(job, "rows", OptionalLong.of(rows))));
    }
    Map<String, WayRuns> runs = Rounds.alternate("skew", ways, h.options().rounds());
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%,d rows of the skewed table (%s), 4 partitions.%n%n",
            rows,
            Shape.SKEWED.description()));
    md.append(RunsTable.cold(runs.values())).append('\n');
    for (WayRuns w : runs.values()) {
      if (w.measured()) {
        md.append(w.way().key())
            .append(" phases (medians): ")
            .append(RunsTable.phases(w))
            .append("\n\n");
      }
    }
    List<Ratio> ratios =
        List.of(
            Ratio.of(
                "skewed key: quantile ÷ range splits, whole run",
                runs.get("quantile").wallSeconds(),
                runs.get("range").wallSeconds()),
            Ratio.of(
                "skewed key: quantile ÷ range splits, stage",
                runs.get("quantile").stageSeconds(),
                runs.get("range").stageSeconds()));
    md.append(RunsTable.ratios(ratios)).append('\n');
    return new Section(name(), "(6) Skewed key: range vs quantile splits", md.toString(), ratios);
  }
}
