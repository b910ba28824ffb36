package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.Programs;
import io.ferry.bench.data.Shape;
import io.ferry.bench.handwritten.SparkJdbcIngest;
import io.ferry.bench.measure.InProcess;
import io.ferry.bench.measure.ProcessTimer;
import io.ferry.bench.measure.Rounds;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayRuns;
import io.ferry.bench.report.Ratio;
import io.ferry.bench.report.RunsTable;
import io.ferry.bench.report.Section;
import io.ferry.bench.report.Target;
import io.ferry.testkit.PostgresDatabase;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.postgresql.PGConnection;

/**
 * Comparison (1): a PostgreSQL table into Parquet in the lake, for the mixed, text-heavy and wide
 * shapes. Cold ways: the limit ({@code COPY (SELECT * FROM t) TO STDOUT} in text and in binary
 * format, through psql into a null sink), Spark's JDBC source by hand (default: one partition; and
 * with hand-set bounds: 4 partitions, fetchsize 10000), and Ferry's {@code jdbc-ingest} as a whole
 * {@code bin/ferry run} (direct binary COPY, 4 partitions, the defaults). Warm, on the mixed shape:
 * the limit, Spark with bounds and Ferry inside the harness's JVM.
 */
public final class IngestComparison implements Comparison {
  static final Target STAGE_VS_LIMIT = Target.atMost(1.5, 2.0);
  static final Target RUN_VS_SPARK_BOUNDS = Target.atMost(0.6);
  private static final List<Shape> SHAPES = List.of(Shape.MIXED, Shape.TEXT_HEAVY, Shape.WIDE);

  @Override
  public String name() {
    return "ingest";
  }

  /** The job file of a one-stage ingest of {@code table} (4 partitions, split on id). */
  static Path job(Harness h, String name, String table, String options) throws Exception {
    return h.jobs()
        .write(
            name,
            "  { name = rows, type = jdbc-ingest, connection = src, table = \"public.%s\","
                    .formatted(table)
                + " split-by = id, partitions = 4"
                + (options.isEmpty() ? "" : ", " + options)
                + " }");
  }

  @Override
  public Section run(Harness h) throws Exception {
    StringBuilder md = new StringBuilder();
    List<Ratio> ratios = new ArrayList<>();
    md.append(
        """
        Each way reads the whole table once. The limit is the faster of PostgreSQL's text and \
        binary `COPY (SELECT * FROM t) TO STDOUT` through psql into /dev/null. Spark's programs \
        (bench/src/main/java/io/ferry/bench/handwritten/SparkJdbcIngest.java) write Parquet to the \
        same local lake; Ferry runs `bin/ferry run` of a one-stage `jdbc-ingest` job (4 partitions, \
        split on the key, direct binary COPY, row-count check, atomic commit). "Ferry stage" is the \
        stage's own time from its run report; wall, CPU and RSS are the whole process's. Spark's \
        default read (one partition) runs on the mixed table only: it is the slowest way by far.

        """);
    for (Shape shape : SHAPES) {
      long nominal = h.options().rows();
      String table = h.table(shape, nominal);
      long rows = shape.rows(nominal);
      Map<String, WayRuns> runs =
          Rounds.alternate(
              "ingest-" + shape.key(), coldWays(h, shape, table, rows), h.options().rounds());
      md.append(
          String.format(
              Locale.ROOT, "### %s: %,d rows (%s)%n%n", shape.key(), rows, shape.description()));
      md.append(RunsTable.cold(runs.values())).append('\n');
      WayRuns ferry = runs.get("ferry");
      if (ferry.measured()) {
        md.append("Ferry's phases (medians): ").append(RunsTable.phases(ferry)).append("\n\n");
      }
      OptionalDouble limit = faster(runs.get("copy-text"), runs.get("copy-binary"));
      List<Ratio> shapeRatios = new ArrayList<>();
      Ratio stage =
          Ratio.of(
              "ingest " + shape.key() + ": Ferry stage ÷ faster COPY-out limit",
              ferry.stageSeconds(),
              limit);
      shapeRatios.add(shape == Shape.WIDE ? stage : stage.against(STAGE_VS_LIMIT));
      shapeRatios.add(
          Ratio.of(
              "ingest " + shape.key() + ": Ferry whole run ÷ faster COPY-out limit",
              ferry.wallSeconds(),
              limit));
      shapeRatios.add(
          Ratio.of(
                  "ingest "
                      + shape.key()
                      + ": Ferry whole run ÷ hand-written Spark, hand-set bounds",
                  ferry.wallSeconds(),
                  runs.get("spark-bounds").wallSeconds())
              .against(RUN_VS_SPARK_BOUNDS));
      if (runs.containsKey("spark-default")) {
        shapeRatios.add(
            Ratio.of(
                "ingest " + shape.key() + ": Ferry whole run ÷ hand-written Spark, default read",
                ferry.wallSeconds(),
                runs.get("spark-default").wallSeconds()));
      }
      md.append(RunsTable.ratios(shapeRatios)).append('\n');
      ratios.addAll(shapeRatios);
    }
    if (h.options().rows() != 4_000_000) {
      md.append(
          String.format(
              Locale.ROOT,
              "The issue states the ingest targets at 4 M rows; this run used %,d (`--rows 4M` for"
                  + " the issue's size). Ferry's fixed costs (planning, schema probe, row-count"
                  + " check, JVM and Spark start) weigh more on fewer rows.%n%n",
              h.options().rows()));
    }
    warm(h, md, ratios);
    return new Section(
        name(), "(1) Ingest: PostgreSQL table -> Parquet in the lake", md.toString(), ratios);
  }

  private static List<Way> coldWays(Harness h, Shape shape, String table, long rows)
      throws Exception {
    Programs p = h.programs();
    ProcessTimer timer = h.timer();
    Path job = job(h, "ingest_" + shape.key().replace('-', '_'), table, "");
    Path sparkOut = h.work().resolve("spark-out");
    List<Way> ways = new ArrayList<>();
    ways.add(
        Way.of(
            "copy-text",
            "limit: `COPY (SELECT * FROM t) TO STDOUT` (text) via psql",
            run -> timer.run(run, p.psql("COPY (SELECT * FROM " + table + ") TO STDOUT"))));
    ways.add(
        Way.of(
            "copy-binary",
            "limit: `COPY (SELECT * FROM t) TO STDOUT (FORMAT binary)` via psql",
            run ->
                timer.run(
                    run, p.psql("COPY (SELECT * FROM " + table + ") TO STDOUT (FORMAT binary)"))));
    // Spark's default read (one partition, the whole result in the driver's memory) is the slowest
    // way by far; it is measured on the mixed table only, to keep the run's time bounded.
    for (String mode : shape == Shape.MIXED ? List.of("default", "bounds") : List.of("bounds")) {
      Way.Trial cold =
          run ->
              timer.run(
                  run,
                  p.java(
                      run,
                      SparkJdbcIngest.class,
                      mode,
                      h.db().jdbcUrl(),
                      h.db().user(),
                      "public." + table,
                      "1",
                      Long.toString(upperId(shape, rows)),
                      sparkOut.resolve(run).toString()));
      InProcess.Work inProcess =
          run ->
              SparkJdbcIngest.run(
                  h.warmSpark(),
                  mode.equals("bounds"),
                  h.db().jdbcUrl(),
                  h.db().jdbcProperties(),
                  "public." + table,
                  1,
                  upperId(shape, rows),
                  sparkOut.resolve(run).toString());
      ways.add(
          Way.of(
              "spark-" + mode,
              mode.equals("default")
                  ? "hand-written Spark, `spark.read.jdbc` default (1 partition)"
                  : "hand-written Spark, hand-set bounds (4 partitions, fetchsize 10000)",
              h.handWritten(cold, inProcess)));
    }
    ways.add(
        Way.of(
            "ferry",
            "**Ferry `bin/ferry run`, jdbc-ingest (direct, 4 partitions)**",
            h.ferry(job, "rows", OptionalLong.of(rows))));
    return ways;
  }

  /** The largest id of a shape's table, the upper bound a user would hand-set. */
  static long upperId(Shape shape, long rows) {
    return shape == Shape.SKEWED ? 1_000_000_000_000L + rows * 1_000_000L : rows;
  }

  private static void warm(Harness h, StringBuilder md, List<Ratio> ratios) throws Exception {
    long nominal = h.options().rows();
    String table = h.table(Shape.MIXED, nominal);
    long rows = Shape.MIXED.rows(nominal);
    PostgresDatabase db = h.db();
    Path job = job(h, "ingest_mixed", table, "");
    Path sparkOut = h.work().resolve("spark-out-warm");
    List<Way> ways =
        List.of(
            Way.of(
                "copy-text",
                "limit: `COPY ... TO STDOUT` (text), pgjdbc",
                InProcess.trial(h.serverCpu(), run -> copyOut(db, table, ""))),
            Way.of(
                "copy-binary",
                "limit: `COPY ... TO STDOUT (FORMAT binary)`, pgjdbc",
                InProcess.trial(h.serverCpu(), run -> copyOut(db, table, " (FORMAT binary)"))),
            Way.of(
                "spark-bounds",
                "Spark, hand-set bounds (4 partitions, fetchsize 10000)",
                InProcess.trial(
                    h.serverCpu(),
                    run ->
                        SparkJdbcIngest.run(
                            h.warmSpark(),
                            true,
                            db.jdbcUrl(),
                            db.jdbcProperties(),
                            "public." + table,
                            1,
                            rows,
                            sparkOut.resolve(run).toString()))),
            Way.of(
                "ferry",
                "**Ferry jdbc-ingest (direct, 4 partitions)**",
                h.warmFerry(job, "rows", OptionalLong.of(rows))));
    Rounds.alternate("ingest-warmup", ways, h.warmUpRounds());
    Map<String, WayRuns> runs = Rounds.alternate("ingest-warm", ways, h.options().rounds());
    md.append(
        String.format(
            Locale.ROOT,
            "### mixed, warm: %,d rows, in the harness's JVM after one warm-up round%n%n",
            rows));
    md.append(RunsTable.warm(runs.values())).append('\n');
    List<Ratio> warmRatios =
        List.of(
            Ratio.of(
                "ingest mixed, warm: Ferry ÷ faster COPY-out limit",
                runs.get("ferry").wallSeconds(),
                faster(runs.get("copy-text"), runs.get("copy-binary"))),
            Ratio.of(
                "ingest mixed, warm: Ferry ÷ Spark with hand-set bounds",
                runs.get("ferry").wallSeconds(),
                runs.get("spark-bounds").wallSeconds()));
    md.append(RunsTable.ratios(warmRatios)).append('\n');
    ratios.addAll(warmRatios);
  }

  private static void copyOut(PostgresDatabase db, String table, String format) throws Exception {
    try (Connection c = db.connect()) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut(
              "COPY (SELECT * FROM " + table + ") TO STDOUT" + format,
              OutputStream.nullOutputStream());
    }
  }

  /** The smaller median wall time of two ways; empty when neither was measured. */
  static OptionalDouble faster(WayRuns a, WayRuns b) {
    if (!a.measured()) {
      return b.wallSeconds();
    }
    if (!b.measured()) {
      return a.wallSeconds();
    }
    return OptionalDouble.of(
        Math.min(a.wallSeconds().getAsDouble(), b.wallSeconds().getAsDouble()));
  }
}
