package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The postgres dialect's pipelined load: Spark's staging tasks write CSV that PostgreSQL reads back
 * to exactly the input values, files are COPYed as tasks finish, and a failure on either side
 * leaves the target as it was.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class PipelinedLoadTest {

  /** Edge values of every loadable type, one column per type, NULL in row 0. */
  private static final String EDGES =
      """
      SELECT * FROM VALUES
        (0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (1, -9223372036854775808L, -2147483648, CAST(-32768 AS SMALLINT), CAST(-128 AS TINYINT),
         CAST('NaN' AS DOUBLE), CAST('NaN' AS FLOAT), CAST('-9999999999999999.99' AS DECIMAL(18,2)),
         CAST('-12345678901234567890123456.000000000001' AS DECIMAL(38,12)), DATE'0001-01-01',
         TIMESTAMP'0001-01-01 00:00:00', TIMESTAMP_NTZ'0001-01-01 00:00:00', '', X'', false,
         CAST(0 AS DECIMAL(38,0))),
        (2, 9223372036854775807L, 2147483647, CAST(32767 AS SMALLINT), CAST(127 AS TINYINT),
         CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS FLOAT), CAST('0.01' AS DECIMAL(18,2)),
         CAST('0.000000000001' AS DECIMAL(38,12)), DATE'9999-12-31',
         TIMESTAMP'9999-12-31 23:59:59.999999', TIMESTAMP_NTZ'9999-12-31 23:59:59.999999',
         ' lead, "quoted" trail ', X'00FF5C78', true,
         CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0))),
        (3, 0L, 0, CAST(0 AS SMALLINT), CAST(0 AS TINYINT), -0.0D, CAST(1.4E-45 AS FLOAT),
         CAST('0.00' AS DECIMAL(18,2)), CAST('0' AS DECIMAL(38,12)), DATE'1969-12-31',
         TIMESTAMP'1969-12-31 23:59:59.999999', TIMESTAMP_NTZ'1582-10-10 12:00:00.000001',
         concat(char(92), '.'), X'2C22', true, CAST('-1' AS DECIMAL(38,0))),
        (4, -1L, 1, CAST(1 AS SMALLINT), CAST(1 AS TINYINT), 4.9E-324D, CAST(3.4028235E38 AS FLOAT),
         CAST('123456789012.34' AS DECIMAL(18,2)), CAST('1E-12' AS DECIMAL(38,12)),
         date_add(DATE'0001-01-01', -1), TIMESTAMP'2026-03-29 01:30:00.5',
         TIMESTAMP_NTZ'2026-03-29 02:30:00.5', concat('a', char(13), char(10), 'b', char(13), 'c'),
         X'0D0A', false, CAST('12345678901234567890' AS DECIMAL(38,0))),
        (5, 42L, 7, CAST(7 AS SMALLINT), CAST(7 AS TINYINT), 0.1D, CAST(0.1 AS FLOAT),
         CAST('1.10' AS DECIMAL(18,2)), CAST('0.5' AS DECIMAL(38,12)), DATE'2026-11-24',
         TIMESTAMP'2026-11-24 10:00:00', TIMESTAMP_NTZ'2026-11-24 10:00:00',
         concat('Grüße ☃ 𝄞 日本 ', char(92), 'N ', char(9), ' x'), X'F09D849E', true,
         CAST('1' AS DECIMAL(38,0))),
        (6, 1L, 1, CAST(1 AS SMALLINT), CAST(1 AS TINYINT), 1.7976931348623157E308D,
         CAST(1e-3 AS FLOAT), CAST('1' AS DECIMAL(18,2)), CAST('1' AS DECIMAL(38,12)),
         DATE'1970-01-01', TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'1970-01-01 00:00:00',
         concat(char(92), 'N'), X'5C2E', true, CAST('0' AS DECIMAL(38,0)))
      AS t(id, l, i, s, b, d, f, dec18, dec38, day, ts, ntz, str, bin, flag, big)
      """;

  /** The same values as exact numbers and text, in Spark and in PostgreSQL. */
  private static final String SPARK_VALUES =
      "SELECT id, l, i, CAST(s AS INT), CAST(b AS INT), d, f, dec18, dec38,"
          + " datediff(day, DATE'1970-01-01'), unix_micros(ts), unix_micros(CAST(ntz AS TIMESTAMP)),"
          + " str, hex(bin), flag, big FROM edges ORDER BY id";

  private static final String POSTGRES_VALUES =
      "SELECT id, l, i, s::int, b::int, d, f, dec18, dec38, day - DATE '1970-01-01',"
          + " (extract(epoch FROM ts) * 1000000)::bigint, (extract(epoch FROM ntz) * 1000000)::bigint,"
          + " str, upper(encode(bin, 'hex')), flag, big FROM %s ORDER BY id";

  @BeforeAll
  static void schema(PostgresDatabase db) {
    db.execute("CREATE SCHEMA pipe");
  }

  private static JobHarness job(Path lake, PostgresDatabase db, String inputSql, String load) {
    return JobHarness.fromHocon(
        """
        job.name = pipe
        lake.root = "%s"
        %s
        stages = [
          { name = input, type = test-sql, sql = \"\"\"%s\"\"\" }
          { name = load, type = redshift-load, connection = wh, dialect = postgres, %s }
        ]
        """
            .formatted(TempLake.under(lake), db.hoconConnection("wh"), inputSql, load));
  }

  private static RunRequest runId(String id) {
    return new RunRequest(Optional.of(id), OptionalDouble.empty());
  }

  /**
   * Binary COPY (the default) and CSV each load every edge value exactly, into tables the load
   * creates, so the two formats also agree with each other, value for value.
   */
  @ParameterizedTest
  @ValueSource(strings = {"binary", "csv"})
  void postgresReadsTheStagedFilesBackToExactlyTheInputValues(
      String format, SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String table = "pipe.edges_" + format;
    String options = "table = " + table + (format.equals("csv") ? ", staging-format = csv" : "");
    RunReport report = job(lake, db, EDGES, options).run(spark, runId("e-" + format));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    StageReport load = report.stage("load").orElseThrow();
    assertEquals(format, load.metrics().get("copy_format"));
    assertFalse(load.metrics().containsKey("copy_fallback"), load.metrics()::toString);
    spark.sql(EDGES).createOrReplaceTempView("edges");
    List<List<Object>> expected = new ArrayList<>();
    for (Row row : spark.sql(SPARK_VALUES).collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      expected.add(values);
    }
    List<List<Object>> loaded = db.query(POSTGRES_VALUES.formatted(table));
    assertEquals(7, loaded.size());
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(expected.get(r), loaded.get(r), "row " + r);
    }
    assertEquals(
        List.of(List.of("0001-12-31 BC")),
        db.query("SELECT day::text FROM " + table + " WHERE id = 4"));
    assertEquals(
        List.of(List.of("0001-01-01 00:00:00+00")),
        db.query("SELECT ts::text FROM " + table + " WHERE id = 1"));
    assertEquals(
        List.of(List.of("1.10", "0.500000000000", "0.00")),
        db.query(
            "SELECT dec18::text, dec38::text, (SELECT dec18::text FROM "
                + table
                + " WHERE id = 3) FROM "
                + table
                + " WHERE id = 5"));
  }

  @Test
  void manyPartitionsAreStagedAsOneFileEachAndAllLoaded(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input =
        "SELECT id, concat('v', id) AS v, CAST(id AS DECIMAL(12,2)) / 100 AS amount"
            + " FROM range(0, 20000, 1, 16)";

    RunReport report =
        job(lake, db, input, "table = pipe.many, keep-staged = true").run(spark, runId("m1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    StageReport load = report.stage("load").orElseThrow();
    assertEquals(OptionalLong.of(20000), load.rowsIn());
    assertEquals(OptionalLong.of(20000), load.rowsOut());
    assertEquals(16, load.metrics().get("staged_files"));
    assertEquals(
        List.of(List.of(20000L, 199990000L, 20000L)),
        db.query(
            "SELECT count(*), sum(id)::bigint, count(DISTINCT v) FROM pipe.many"
                + " WHERE v = 'v' || id AND amount = id / 100.0"));
    try (Stream<Path> files = Files.list(lake.resolve("_staging/pipe/load/m1"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(16, names.size(), names::toString);
      assertTrue(names.get(0).matches("part-00000-attempt-\\d+-0000\\.bin"), names::toString);
      assertTrue(names.get(15).matches("part-00015-attempt-\\d+-0000\\.bin"), names::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aSparkTaskFailingMidStagingRollsBackAndLeavesTheTargetUnchanged(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE pipe.kept (id bigint, v text)",
        "INSERT INTO pipe.kept VALUES (-1, 'before')");
    String input =
        "SELECT id, CASE WHEN assert_true(id < 19990, 'row 19990 is bad') IS NULL"
            + " THEN concat('v', id) END AS v FROM range(0, 20000, 1, 8)";

    RunReport report = job(lake, db, input, "table = pipe.kept").run(spark, runId("f1"));

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith("cannot load table \"pipe\".\"kept\" through connection 'wh' at "), error);
    assertTrue(error.contains(": cannot stage the input as binary files in "), error);
    assertTrue(error.contains("row 19990 is bad"), error);
    assertEquals(List.of(List.of(-1L, "before")), db.query("SELECT * FROM pipe.kept"));
    assertEquals(0, spark.sparkContext().statusTracker().getActiveJobIds().length);
    assertEquals(
        List.of(List.of(0L)),
        db.query("SELECT count(*) FROM pipe.ferry_loads WHERE run_id = 'f1'"));
  }

  @Test
  void aCopyFailingWhileSparkStillStagesCancelsTheJobAndRollsBack(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE pipe.typed (id bigint, n integer)", "INSERT INTO pipe.typed VALUES (-1, -1)");
    String input =
        "SELECT id, CASE WHEN id = 3 THEN 'abc' ELSE CAST(id AS STRING) END AS n"
            + " FROM range(0, 200000, 1, 16)";

    RunReport report = job(lake, db, input, "table = pipe.typed").run(spark, runId("c1"));

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(error.contains(": COPY of staged file part-00000-attempt-"), error);
    assertTrue(error.contains("invalid input syntax for type integer: \"abc\""), error);
    assertEquals(List.of(List.of(-1L, -1)), db.query("SELECT * FROM pipe.typed"));
    assertEquals(0, spark.sparkContext().statusTracker().getActiveJobIds().length);
  }

  @Test
  void quotedMixedCaseTableAndColumnNamesLoadInBinary(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input =
        "SELECT id, CAST(id * 1.5 AS DECIMAL(10,2)) AS `Amount €`, concat('n', id) AS `Note`"
            + " FROM range(0, 50, 1, 2)";
    String table = "table = \"pipe.\\\"Order Lines\\\"\"";

    RunReport created = job(lake, db, input, table).run(spark, runId("q1"));
    RunReport replaced =
        job(lake, db, input + " WHERE id < 10", table + ", mode = overwrite")
            .run(spark, runId("q2"));

    for (RunReport report : List.of(created, replaced)) {
      assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
      assertEquals("binary", report.stage("load").orElseThrow().metrics().get("copy_format"));
    }
    assertEquals(
        List.of(List.of(10L, new java.math.BigDecimal("67.50"), "n9")),
        db.query("SELECT count(*), sum(\"Amount €\"), max(\"Note\") FROM pipe.\"Order Lines\""));
  }

  @Test
  void columnsWithoutABinaryEncodingMakeTheLoadStageCsvAndSaySo(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute("CREATE TABLE pipe.converted (id numeric(20,0), doc jsonb, code uuid, n bigint)");
    String input =
        "SELECT id, concat('{\"k\": ', id, '}') AS doc,"
            + " '6f1c2f7e-9d1a-4c55-8a57-0b5a1f1e2d3c' AS code, CAST(id AS INT) AS n"
            + " FROM range(0, 100, 1, 2)";

    RunReport report = job(lake, db, input, "table = pipe.converted").run(spark, runId("j1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    StageReport load = report.stage("load").orElseThrow();
    assertEquals("csv", load.metrics().get("copy_format"));
    assertEquals(
        "no binary COPY encoding for columns doc (string -> jsonb), code (string -> uuid)",
        load.metrics().get("copy_fallback"));
    assertEquals(
        List.of(List.of(100L, 4950L, 100L)),
        db.query(
            "SELECT count(*), sum((doc->>'k')::int), count(*) FILTER (WHERE n = id)"
                + " FROM pipe.converted"));
  }

  @Test
  void aBadRowInABinaryCopyNamesTheFileAndLeavesTheTargetUnchanged(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE pipe.short (id bigint, code varchar(3) NOT NULL)",
        "INSERT INTO pipe.short VALUES (-1, 'old')");
    String input =
        "SELECT id, CASE WHEN id = 77 THEN 'toolong' ELSE 'ok' END AS code"
            + " FROM range(0, 1000, 1, 2)";

    RunReport report = job(lake, db, input, "table = pipe.short").run(spark, runId("b1"));

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(error.contains(": COPY of staged file part-00000-attempt-"), error);
    assertTrue(error.contains(".bin failed: "), error);
    assertTrue(error.contains("value too long for type character varying(3)"), error);
    assertEquals(List.of(List.of(-1L, "old")), db.query("SELECT * FROM pipe.short"));
    assertEquals(
        List.of(List.of(0L)),
        db.query("SELECT count(*) FROM pipe.ferry_loads WHERE run_id = 'b1'"));
  }

  @Test
  void anAlreadyCommittedRunIdStagesNothing(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input = "SELECT id, concat('v', id) AS v FROM range(0, 100, 1, 4)";
    RunReport first =
        job(lake, db, input, "table = pipe.once, keep-staged = true").run(spark, runId("o1"));
    assertEquals(RunReport.Status.SUCCEEDED, first.status(), () -> first.error().orElse(""));
    Path staging = lake.resolve("_staging/pipe/load/o1");
    assertTrue(Files.isDirectory(staging));
    deleteTree(staging);

    String failsIfEvaluated =
        "SELECT id, CASE WHEN assert_true(id < 0, 'the input was read') IS NULL"
            + " THEN concat('v', id) END AS v FROM range(0, 100, 1, 4)";
    RunReport again =
        job(lake, db, failsIfEvaluated, "table = pipe.once, keep-staged = true")
            .run(spark, runId("o1"));

    assertEquals(RunReport.Status.SUCCEEDED, again.status(), () -> again.error().orElse(""));
    StageReport load = again.stage("load").orElseThrow();
    assertEquals(true, load.metrics().get("already_committed"));
    assertEquals(0, load.metrics().get("staged_files"));
    assertEquals(OptionalLong.of(100), load.rowsOut());
    assertFalse(Files.exists(staging), "nothing staged");
    assertEquals(List.of(List.of(100L)), db.query("SELECT count(*) FROM pipe.once"));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
