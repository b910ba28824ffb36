package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.Programs;
import io.ferry.bench.data.Shape;
import io.ferry.bench.handwritten.SparkJdbcLoad;
import io.ferry.bench.measure.InProcess;
import io.ferry.bench.measure.ProcessTimer;
import io.ferry.bench.measure.Rounds;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayFailedException;
import io.ferry.bench.measure.WayRuns;
import io.ferry.bench.report.Ratio;
import io.ferry.bench.report.RunsTable;
import io.ferry.bench.report.Section;
import io.ferry.bench.report.Target;
import io.ferry.testkit.PostgresDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.postgresql.PGConnection;

/**
 * Comparison (2): the mixed table's rows, as Ferry's ingest wrote them to the lake, loaded back
 * into PostgreSQL. Cold ways: Ferry's {@code redshift-load} (postgres dialect, append, its default
 * binary staging) as a whole {@code bin/ferry run}; the limit, {@code COPY FROM STDIN} through psql
 * of the same rows prepared as one CSV file and as one binary file; and Spark's JDBC writer by
 * hand. Every target table is emptied, untimed, before each run. Warm beside them: Ferry, the
 * binary COPY and the JDBC writer inside the harness's JVM.
 */
public final class LoadComparison implements Comparison {
  static final Target STAGE_VS_LIMIT = Target.atMost(1.3);
  static final Target RUN_VS_JDBC_WRITER = Target.atMost(0.4);

  @Override
  public String name() {
    return "load";
  }

  @Override
  public Section run(Harness h) throws Exception {
    long rows = Shape.MIXED.rows(h.options().rows());
    String source = h.table(Shape.MIXED, h.options().rows());
    Path input = input(h, source, rows);
    Path csv = h.work().resolve("load-limit.csv");
    Path binary = h.work().resolve("load-limit.bin");
    h.timer().run("load-prepare-csv", h.programs().psql(copyOut(source, "csv")).withStdout(csv));
    h.timer()
        .run(
            "load-prepare-binary", h.programs().psql(copyOut(source, "binary")).withStdout(binary));
    List<String> targets =
        List.of(
            "load_ferry",
            "load_ferry_overwrite",
            "load_ferry_truncate",
            "load_copy_csv",
            "load_copy_binary",
            "load_spark",
            "load_warm");
    for (String t : targets) {
      h.db()
          .execute(
              "DROP TABLE IF EXISTS " + t,
              "CREATE TABLE " + t + " (LIKE " + source + ")",
              "ALTER TABLE " + t + " SET (autovacuum_enabled = false)");
    }
    Path job = job(h, "load_mixed", input, "load_ferry", "append");
    Path overwrite = job(h, "load_overwrite", input, "load_ferry_overwrite", "overwrite");
    Path truncate = job(h, "load_truncate", input, "load_ferry_truncate", "truncate-insert");
    Map<String, WayRuns> cold =
        Rounds.alternate(
            "load",
            coldWays(h, job, overwrite, truncate, source, input, csv, binary, rows),
            h.options().rounds());
    check(h.db(), "load_ferry", "load_copy_csv", rows, cold);
    check(h.db(), "load_ferry_overwrite", "load_copy_csv", rows, cold);
    check(h.db(), "load_ferry_truncate", "load_copy_csv", rows, cold);
    check(h.db(), "load_copy_binary", "load_copy_csv", rows, cold);
    check(h.db(), "load_spark", "load_copy_csv", rows, cold);

    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            """
            %,d rows of the mixed table, as Ferry's `jdbc-ingest` wrote them to the lake \
            (Parquet), into an empty PostgreSQL table without indexes. Ferry runs `bin/ferry \
            run` of a job with a `lake-read` and a `redshift-load` stage (postgres dialect, \
            append, default staging); the limit is psql's `COPY ... FROM STDIN` of the same rows \
            as one CSV file and as one binary file, written before timing; the JDBC writer is \
            bench/src/main/java/io/ferry/bench/handwritten/SparkJdbcLoad.java (batches of 10,000, \
            `reWriteBatchedInserts`). Ferry also replaces a table holding the same rows (filled \
            untimed before each run): `overwrite` (DELETE, INSERT from the staging table) and \
            `truncate-insert` (on PostgreSQL: TRUNCATE, then COPY straight into the target). \
            After the last round every table's rows were checked equal to the CSV COPY's \
            (`EXCEPT ALL` both ways).

            """,
            rows));
    md.append(RunsTable.cold(cold.values())).append('\n');
    WayRuns ferry = cold.get("ferry");
    if (!ferry.phaseNames().isEmpty()) {
      md.append("Ferry's load phases (medians): ").append(RunsTable.phases(ferry)).append("\n\n");
    }
    var limit = IngestComparison.faster(cold.get("copy-csv"), cold.get("copy-binary"));
    List<Ratio> ratios = new ArrayList<>();
    ratios.add(
        Ratio.of("load: Ferry stage ÷ faster COPY-in limit", ferry.stageSeconds(), limit)
            .against(STAGE_VS_LIMIT));
    ratios.add(
        Ratio.of(
                "load: Ferry whole run ÷ hand-written Spark JDBC writer",
                ferry.wallSeconds(),
                cold.get("spark-writer").wallSeconds())
            .against(RUN_VS_JDBC_WRITER));
    ratios.add(
        Ratio.of("load: Ferry whole run ÷ faster COPY-in limit", ferry.wallSeconds(), limit));
    ratios.add(
        Ratio.of(
            "load: Ferry overwrite stage ÷ append stage",
            cold.get("ferry-overwrite").stageSeconds(),
            ferry.stageSeconds()));
    ratios.add(
        Ratio.of(
            "load: Ferry truncate-insert stage ÷ append stage",
            cold.get("ferry-truncate").stageSeconds(),
            ferry.stageSeconds()));
    md.append(RunsTable.ratios(ratios)).append('\n');
    warm(h, input, binary, rows, md, ratios);
    return new Section(
        name(), "(2) Load: lake -> PostgreSQL warehouse table", md.toString(), ratios);
  }

  /** A job reading the Parquet folder and loading it into an existing table in {@code mode}. */
  private static Path job(Harness h, String name, Path input, String table, String mode)
      throws Exception {
    return h.jobs()
        .write(
            name,
            """
              { name = input, type = lake-read, path = "%s" }
              { name = load, type = redshift-load, connection = wh, dialect = postgres,
                table = "public.%s", mode = %s, create-table = false }
            """
                .formatted(input, table, mode));
  }

  /** The load's input: the mixed table ingested by Ferry once, untimed. */
  private static Path input(Harness h, String source, long rows) throws Exception {
    Path job = IngestComparison.job(h, "load_input", source, "");
    h.ferry(job, "rows", OptionalLong.of(rows)).run("load-input");
    return h.jobs().rawRun("load_input", "rows", "load-input");
  }

  private static List<Way> coldWays(
      Harness h,
      Path job,
      Path overwrite,
      Path truncate,
      String source,
      Path input,
      Path csv,
      Path binary,
      long rows)
      throws Exception {
    Programs p = h.programs();
    ProcessTimer timer = h.timer();
    PostgresDatabase db = h.db();
    return List.of(
        Way.of(
                "copy-csv",
                "limit: `COPY t FROM STDIN (FORMAT csv)` of one CSV file via psql",
                run ->
                    timer.run(
                        run, p.psql("COPY load_copy_csv FROM STDIN (FORMAT csv)").withStdin(csv)))
            .before(() -> db.execute("TRUNCATE load_copy_csv")),
        Way.of(
                "copy-binary",
                "limit: `COPY t FROM STDIN (FORMAT binary)` of one binary file via psql",
                run ->
                    timer.run(
                        run,
                        p.psql("COPY load_copy_binary FROM STDIN (FORMAT binary)")
                            .withStdin(binary)))
            .before(() -> db.execute("TRUNCATE load_copy_binary")),
        Way.of(
                "spark-writer",
                "hand-written Spark JDBC writer (batch 10000, reWriteBatchedInserts)",
                h.handWritten(
                    run ->
                        timer.run(
                            run,
                            p.java(
                                run,
                                SparkJdbcLoad.class,
                                input.toString(),
                                db.jdbcUrl(),
                                db.user(),
                                "public.load_spark")),
                    run ->
                        SparkJdbcLoad.run(
                            h.warmSpark(),
                            input.toString(),
                            db.jdbcUrl(),
                            db.jdbcProperties(),
                            "public.load_spark")))
            .before(() -> db.execute("TRUNCATE load_spark")),
        Way.of(
                "ferry",
                "**Ferry `bin/ferry run`, redshift-load (postgres, append)**",
                h.ferry(job, "load", OptionalLong.of(rows)))
            .before(() -> db.execute("TRUNCATE load_ferry")),
        Way.of(
                "ferry-overwrite",
                "**Ferry `bin/ferry run`, redshift-load (postgres, overwrite of a full table)**",
                h.ferry(overwrite, "load", OptionalLong.of(rows)))
            .before(() -> refill(db, "load_ferry_overwrite", source)),
        Way.of(
                "ferry-truncate",
                "**Ferry `bin/ferry run`, redshift-load (postgres, truncate-insert of a full"
                    + " table)**",
                h.ferry(truncate, "load", OptionalLong.of(rows)))
            .before(() -> refill(db, "load_ferry_truncate", source)));
  }

  /** The table as a replacing load finds it: holding the rows, freshly written and analyzed. */
  private static void refill(PostgresDatabase db, String table, String source) {
    db.execute(
        "TRUNCATE " + table,
        "INSERT INTO " + table + " SELECT * FROM " + source,
        "VACUUM ANALYZE " + table);
  }

  private static void warm(
      Harness h, Path input, Path binary, long rows, StringBuilder md, List<Ratio> ratios)
      throws Exception {
    PostgresDatabase db = h.db();
    Path warmJob = job(h, "load_warm", input, "load_warm", "append");
    List<Way> ways =
        List.of(
            Way.of(
                    "copy-binary",
                    "limit: `COPY FROM STDIN (FORMAT binary)`, pgjdbc",
                    InProcess.trial(
                        h.serverCpu(), run -> copyIn(db, "load_copy_binary", binary, "binary")))
                .before(() -> db.execute("TRUNCATE load_copy_binary")),
            Way.of(
                    "spark-writer",
                    "Spark JDBC writer (batch 10000, reWriteBatchedInserts)",
                    InProcess.trial(
                        h.serverCpu(),
                        run ->
                            SparkJdbcLoad.run(
                                h.warmSpark(),
                                input.toString(),
                                db.jdbcUrl(),
                                db.jdbcProperties(),
                                "public.load_spark")))
                .before(() -> db.execute("TRUNCATE load_spark")),
            Way.of(
                    "ferry",
                    "**Ferry redshift-load (postgres, append)**",
                    h.warmFerry(warmJob, "load", OptionalLong.of(rows)))
                .before(() -> db.execute("TRUNCATE load_warm")));
    Rounds.alternate("load-warmup", ways, h.warmUpRounds());
    Map<String, WayRuns> runs = Rounds.alternate("load-warm", ways, h.options().rounds());
    md.append(
        String.format(
            Locale.ROOT, "Warm: %,d rows, in the harness's JVM after one warm-up round%n%n", rows));
    md.append(RunsTable.warm(runs.values())).append('\n');
    List<Ratio> warmRatios =
        List.of(
            Ratio.of(
                "load, warm: Ferry ÷ binary COPY-in",
                runs.get("ferry").wallSeconds(),
                runs.get("copy-binary").wallSeconds()),
            Ratio.of(
                "load, warm: Ferry ÷ Spark JDBC writer",
                runs.get("ferry").wallSeconds(),
                runs.get("spark-writer").wallSeconds()));
    md.append(RunsTable.ratios(warmRatios)).append('\n');
    ratios.addAll(warmRatios);
  }

  private static String copyOut(String table, String format) {
    return "COPY " + table + " TO STDOUT (FORMAT " + format + ")";
  }

  private static void copyIn(PostgresDatabase db, String table, Path file, String format)
      throws Exception {
    try (Connection c = db.connect();
        InputStream in = Files.newInputStream(file)) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY " + table + " FROM STDIN (FORMAT " + format + ")", in, 1 << 16);
    }
  }

  /**
   * Checks that {@code table} holds exactly the reference's rows (when both ways ran); a difference
   * fails the comparison, since its figures would time a wrong load.
   */
  private static void check(
      PostgresDatabase db, String table, String reference, long rows, Map<String, WayRuns> cold) {
    String key =
        switch (table) {
          case "load_ferry" -> "ferry";
          case "load_ferry_overwrite" -> "ferry-overwrite";
          case "load_ferry_truncate" -> "ferry-truncate";
          case "load_copy_binary" -> "copy-binary";
          default -> "spark-writer";
        };
    if (!cold.get(key).measured() || !cold.get("copy-csv").measured()) {
      return;
    }
    long count = (Long) db.query("SELECT count(*) FROM " + table).get(0).get(0);
    long differ =
        (Long)
            db.query(
                    "SELECT count(*) FROM ((SELECT * FROM "
                        + reference
                        + " EXCEPT ALL SELECT * FROM "
                        + table
                        + ") UNION ALL (SELECT * FROM "
                        + table
                        + " EXCEPT ALL SELECT * FROM "
                        + reference
                        + ")) d")
                .get(0)
                .get(0);
    if (count != rows || differ != 0) {
      throw new WayFailedException(
          table + " holds " + count + " rows, " + differ + " differ from " + reference);
    }
  }
}
