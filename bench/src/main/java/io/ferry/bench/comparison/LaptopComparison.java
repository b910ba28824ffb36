package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.data.Shape;
import io.ferry.bench.measure.Command;
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
import java.util.Map;
import java.util.OptionalLong;

/**
 * Comparison (4), the laptop loop: {@code bin/ferry validate} and {@code bin/ferry run} of a
 * one-stage job on a 10-row table, JVM start included, beside a bare {@code java -version} with the
 * same flags (the floor any JVM tool pays).
 */
public final class LaptopComparison implements Comparison {
  static final Target VALIDATE_SECONDS = Target.atMost(1.0);
  static final Target RUN_SECONDS = Target.atMost(6.0);
  private static final long ROWS = 10;

  @Override
  public String name() {
    return "laptop";
  }

  @Override
  public Section run(Harness h) throws Exception {
    String table = h.table(Shape.MIXED, ROWS);
    Path job = IngestComparison.job(h, "laptop", table, "");
    List<String> java = new ArrayList<>(h.programs().jvm());
    java.remove(java.size() - 1);
    java.remove(java.size() - 1);
    java.add("-version");
    List<Way> ways =
        List.of(
            Way.of(
                "jvm",
                "`java -version` with bin/ferry's flags (JVM start alone)",
                run -> h.timer().run(run, Command.of(java, Map.of()))),
            Way.of(
                "validate",
                "**`bin/ferry validate job.conf`**",
                run -> h.timer().run(run, h.programs().ferry(run, "validate", job.toString()))),
            Way.of(
                "run",
                "**`bin/ferry run job.conf`** (jdbc-ingest of 10 rows, Spark start included)",
                h.jobs().run(h.timer(), h.programs(), job, "rows", OptionalLong.of(ROWS))));
    Map<String, WayRuns> runs = Rounds.alternate("laptop", ways, h.options().rounds());
    StringBuilder md = new StringBuilder();
    md.append(
        """
        What a data engineer waits for at the keyboard: checking a job, and running a one-stage \
        job on a 10-row table (Spark's start included), each a fresh `bin/ferry` process.

        """);
    md.append(RunsTable.cold(runs.values())).append('\n');
    if (runs.get("run").measured()) {
      md.append("`run`'s stage phases (medians): ")
          .append(RunsTable.phases(runs.get("run")))
          .append("\n\n");
    }
    List<Ratio> ratios =
        List.of(
            Ratio.seconds(
                "laptop: `bin/ferry validate` wall time",
                runs.get("validate").wallSeconds(),
                VALIDATE_SECONDS),
            Ratio.seconds(
                "laptop: `bin/ferry run` of a 10-row one-stage job, wall time",
                runs.get("run").wallSeconds(),
                RUN_SECONDS));
    md.append(RunsTable.ratios(ratios)).append('\n');
    return new Section(name(), "(4) The laptop loop: validate and run", md.toString(), ratios);
  }
}
