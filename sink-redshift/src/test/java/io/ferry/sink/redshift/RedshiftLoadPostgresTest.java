package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.stage.FailureKind;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class RedshiftLoadPostgresTest {
  private static final String NOTE = "He said \"hi\"\nC:\\new\\table\r\ttab";
  private static final String UNICODE = "Grüße ☃ 𝄞 日本";
  private static final String END_MARKER_LINES = "x\n\\.\ny";

  /** Every loadable type; NULL and '' in separate rows; CSV's special characters in strings. */
  private static final String ALL_TYPES_SQL =
      """
      SELECT * FROM VALUES
        (1L, CAST('123456789012.34' AS DECIMAL(14,2)), CAST('0.0000001' AS DECIMAL(20,10)),
         TIMESTAMP'2026-03-28 23:30:00.123456', TIMESTAMP_NTZ'2026-03-29 01:30:00.5',
         DATE'2026-01-31', concat('He said ', char(34), 'hi', char(34), char(10), 'C:', char(92),
         'new', char(92), 'table', char(13), char(9), 'tab'), true, 1.5D, X'00FF',
         CAST(7 AS SMALLINT), 2.5F, 42),
        (2L, CAST('-0.01' AS DECIMAL(14,2)), CAST('0' AS DECIMAL(20,10)),
         TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'1970-01-01 00:00:00', DATE'1970-01-01', '',
         false, CAST('NaN' AS DOUBLE), X'', CAST(-1 AS SMALLINT), CAST(1e-3 AS FLOAT), 0),
        (3L, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (4L, CAST('0.00' AS DECIMAL(14,2)), CAST('1.5' AS DECIMAL(20,10)),
         TIMESTAMP'2026-11-24 07:59:59.999999', TIMESTAMP_NTZ'2026-11-23 23:59:59.999999',
         DATE'2026-11-24', 'Grüße ☃ 𝄞 日本', true, 1e300D, X'5C2C22', CAST(0 AS SMALLINT),
         CAST(0 AS FLOAT), -2147483648),
        (5L, NULL, NULL, NULL, NULL, NULL, concat('x', char(10), char(92), '.', char(10), 'y'),
         NULL, NULL, NULL, NULL, NULL, NULL)
      AS t(id, amount, rate, placed_at, local_time, day, note, flag, score, payload, small, ratio,
           n)
      """;

  private static final String READ_BACK =
      "SELECT id, amount, rate, to_char(placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),"
          + " local_time::text, day::text, note, flag, score, encode(payload, 'hex'), small,"
          + " ratio, n FROM analytics.orders ORDER BY id";

  @BeforeAll
  static void schema(PostgresDatabase db) {
    db.execute("CREATE SCHEMA analytics");
  }

  private static String job(String lakeRoot, PostgresDatabase db, String inputSql, String load) {
    return """
        job.name = load_test
        lake.root = "%s"
        %s
        stages = [
          { name = input, type = test-sql, sql = \"\"\"%s\"\"\" }
          { name = load, type = redshift-load, connection = wh, dialect = postgres, %s }
        ]
        """
        .formatted(lakeRoot, db.hoconConnection("wh"), inputSql, load);
  }

  private static RunRequest runId(String id) {
    return new RunRequest(Optional.of(id), OptionalDouble.empty());
  }

  @Test
  void createsTheTableAndLoadsEveryValueExactly(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String hocon = job(TempLake.under(lake), db, ALL_TYPES_SQL, "table = analytics.orders");

    RunReport report = JobHarness.fromHocon(hocon).run(spark, runId("r1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    StageReport load = report.stage("load").orElseThrow();
    assertEquals(OptionalLong.of(5), load.rowsIn());
    assertEquals(OptionalLong.of(5), load.rowsOut());
    assertFalse(Files.exists(lake.resolve("_staging/load_test/load/r1")), "staging deleted");
    assertEquals(
        List.of(
            List.of("id", "bigint"),
            List.of("amount", "numeric(14,2)"),
            List.of("rate", "numeric(20,10)"),
            List.of("placed_at", "timestamp with time zone"),
            List.of("local_time", "timestamp without time zone"),
            List.of("day", "date"),
            List.of("note", "text"),
            List.of("flag", "boolean"),
            List.of("score", "double precision"),
            List.of("payload", "bytea"),
            List.of("small", "smallint"),
            List.of("ratio", "real"),
            List.of("n", "integer")),
        db.query(
            "SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'analytics.orders'::regclass AND attnum > 0 ORDER BY attnum"));
    List<List<Object>> rows = db.query(READ_BACK);
    assertEquals(
        List.of(
            1L,
            new BigDecimal("123456789012.34"),
            new BigDecimal("0.0000001000"),
            "2026-03-28 23:30:00.123456",
            "2026-03-29 01:30:00.5",
            "2026-01-31",
            NOTE,
            true,
            1.5d,
            "00ff",
            7,
            2.5f,
            42),
        rows.get(0));
    assertEquals(
        List.of(
            2L,
            new BigDecimal("-0.01"),
            new BigDecimal("0E-10"),
            "1970-01-01 00:00:00.000000",
            "1970-01-01 00:00:00",
            "1970-01-01",
            "",
            false,
            Double.NaN,
            "",
            -1,
            0.001f,
            0),
        rows.get(1));
    assertEquals(
        Arrays.asList(3L, null, null, null, null, null, null, null, null, null, null, null, null),
        rows.get(2));
    assertEquals(
        List.of(
            4L,
            new BigDecimal("0.00"),
            new BigDecimal("1.5000000000"),
            "2026-11-24 07:59:59.999999",
            "2026-11-23 23:59:59.999999",
            "2026-11-24",
            UNICODE,
            true,
            1e300d,
            "5c2c22",
            0,
            0f,
            Integer.MIN_VALUE),
        rows.get(3));
    assertEquals(END_MARKER_LINES, rows.get(4).get(6));
  }

  @Test
  void appendsByColumnNameToAnExistingTableOnEveryRun(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE analytics.events (note text, id bigint NOT NULL,"
            + " loaded_at timestamptz NOT NULL DEFAULT now())");
    String input = "SELECT 2L AS ID, 'b' AS Note UNION ALL SELECT 1L, CAST(NULL AS STRING)";
    JobHarness harness =
        JobHarness.fromHocon(
            job(TempLake.under(lake), db, input, "table = analytics.events, create-table = false"));

    RunReport first = harness.runSuccessfully(spark);
    RunReport second = harness.runSuccessfully(spark);

    assertEquals(OptionalLong.of(2), first.stage("load").orElseThrow().rowsOut());
    assertEquals(OptionalLong.of(2), second.stage("load").orElseThrow().rowsOut());
    assertEquals(
        List.of(
            Arrays.asList(1L, null, true),
            Arrays.asList(1L, null, true),
            Arrays.asList(2L, "b", true),
            Arrays.asList(2L, "b", true)),
        db.query("SELECT id, note, loaded_at IS NOT NULL FROM analytics.events ORDER BY id, note"));
  }

  @Test
  void failedCopyLeavesTheTargetUnchanged(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE analytics.amounts (id bigint, amount integer)",
        "INSERT INTO analytics.amounts VALUES (1, 10)");
    String input = "SELECT 2L AS id, '5' AS amount UNION ALL SELECT 3L, 'abc'";

    RunReport report =
        JobHarness.fromHocon(job(TempLake.under(lake), db, input, "table = analytics.amounts"))
            .run(spark);

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith(
            "cannot load table \"analytics\".\"amounts\" through connection 'wh'"
                + " at "
                + host(db)
                + ": COPY of staged file part-"),
        error);
    assertTrue(error.contains("ERROR: invalid input syntax for type integer: \"abc\""), error);
    assertEquals(
        Optional.of(StandardFailureCode.TARGET_WRITE_FAILED),
        report.stage("load").orElseThrow().failureCode());
    assertEquals(FailureKind.TARGET, StandardFailureCode.TARGET_WRITE_FAILED.kind());
    assertEquals(List.of(List.of(1L, 10)), db.query("SELECT * FROM analytics.amounts"));
  }

  /**
   * The schema and its {@code ferry_loads} are created and committed before the load's transaction
   * (so that on Redshift the LOCK can be its first statement); the table is created inside it and
   * rolled back with it.
   */
  @Test
  void failedLoadIntoANewTableLeavesNoTableOnlyTheBookkeeping(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input = "SELECT 1L AS id, concat('a', char(0), 'b') AS note";

    RunReport report =
        JobHarness.fromHocon(job(TempLake.under(lake), db, input, "table = fresh.never"))
            .run(spark);

    assertEquals(RunReport.Status.FAILED, report.status());
    assertTrue(report.error().orElseThrow().contains("0x00"), report.error()::orElseThrow);
    assertEquals(
        List.of(List.of("ferry_loads")),
        db.query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'fresh'"));
    assertEquals(List.of(List.of(0L)), db.query("SELECT count(*) FROM fresh.ferry_loads"));
  }

  /**
   * PostgreSQL's COPY FROM STDIN ends at a line holding only {@code \.}, which a one-column input
   * with that value would produce unquoted; the encoder quotes it, so it loads as data.
   */
  @Test
  void aValueThatIsCopysEndMarkerLoadsAsData(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input = "SELECT * FROM VALUES ('a'), (concat(char(92), '.')), ('b') AS t(s)";

    RunReport report =
        JobHarness.fromHocon(job(TempLake.under(lake), db, input, "table = analytics.marker"))
            .runSuccessfully(spark);

    assertEquals(OptionalLong.of(3), report.stage("load").orElseThrow().rowsOut());
    assertEquals(
        List.of(List.of("\\."), List.of("a"), List.of("b")),
        db.query("SELECT s FROM analytics.marker ORDER BY s"));
  }

  @Test
  void inputColumnsMissingFromTheTableAreListed(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute("CREATE TABLE analytics.narrow (id bigint)");
    String input = "SELECT 1L AS id, 'x' AS extra, 2 AS more";

    RunReport report =
        JobHarness.fromHocon(job(TempLake.under(lake), db, input, "table = analytics.narrow"))
            .run(spark);

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.endsWith(
            ": input columns [extra, more] are not in table \"analytics\".\"narrow\", which has"
                + " [id]; rename or drop them in an earlier stage, add them to the table, or set"
                + " schema-evolution = add-columns"),
        error);
    assertEquals(List.of(), db.query("SELECT * FROM analytics.narrow"));
    assertEquals(
        Optional.of(StandardFailureCode.DATA_INVALID),
        report.stage("load").orElseThrow().failureCode());
    assertEquals(FailureKind.DATA, StandardFailureCode.DATA_INVALID.kind());
  }

  @Test
  void aNullInANotNullColumnIsADataFailureAndLoadsNothing(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute("CREATE TABLE analytics.keyed (id bigint NOT NULL, v text)");
    String input = "SELECT * FROM VALUES (1L, 'a'), (CAST(NULL AS BIGINT), 'b') AS t(id, v)";

    RunReport report =
        JobHarness.fromHocon(
                job(TempLake.under(lake), db, input, "table = analytics.keyed, mode = overwrite"))
            .run(spark);

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(error.contains("violates not-null constraint"), error);
    assertEquals(
        Optional.of(StandardFailureCode.DATA_INVALID),
        report.stage("load").orElseThrow().failureCode());
    assertEquals(List.of(), db.query("SELECT * FROM analytics.keyed"));
  }

  /** Struct, array and map columns load into jsonb, created and existing tables alike. */
  @Test
  void nestedColumnsLoadIntoJsonbInCreatedAndExistingTables(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input =
        "SELECT 1L AS id, array(1, 2) AS tags, map('a', 1) AS attributes,"
            + " named_struct('city', 'Zürich', 'zip', CAST(NULL AS STRING)) AS address"
            + " UNION ALL SELECT 2L, array(), NULL, NULL";
    db.execute(
        "CREATE TABLE analytics.nested_existing (id bigint, tags jsonb, attributes jsonb,"
            + " address jsonb)");

    RunReport created =
        JobHarness.fromHocon(job(TempLake.under(lake), db, input, "table = analytics.nested"))
            .run(spark, runId("n1"));
    RunReport existing =
        JobHarness.fromHocon(
                job(TempLake.under(lake), db, input, "table = analytics.nested_existing"))
            .run(spark, runId("n2"));

    assertEquals(RunReport.Status.SUCCEEDED, created.status(), () -> created.error().orElse(""));
    assertEquals(RunReport.Status.SUCCEEDED, existing.status(), () -> existing.error().orElse(""));
    List<List<Object>> expected =
        List.of(
            Arrays.asList(1L, "jsonb", "[1, 2]", "{\"a\": 1}", "{\"city\": \"Zürich\"}"),
            Arrays.asList(2L, "jsonb", "[]", null, null));
    for (String table : List.of("analytics.nested", "analytics.nested_existing")) {
      assertEquals(
          expected,
          db.query(
              "SELECT id, pg_typeof(tags)::text, tags::text, attributes::text, address::text FROM "
                  + table
                  + " ORDER BY id"),
          table);
    }
  }

  @Test
  void missingTableWithoutCreateTableIsAnError(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    RunReport report =
        JobHarness.fromHocon(
                job(
                    TempLake.under(lake),
                    db,
                    "SELECT 1 AS id",
                    "table = analytics.absent, create-table = false"))
            .run(spark);

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.endsWith(
            ": table \"analytics\".\"absent\" does not exist or is not visible to the"
                + " connection's user; create it, or set create-table = true"),
        error);
    assertEquals(
        Optional.of(StandardFailureCode.CONFIG_VALUE_NOT_FOUND),
        report.stage("load").orElseThrow().failureCode());
    assertEquals(FailureKind.CONFIG, StandardFailureCode.CONFIG_VALUE_NOT_FOUND.kind());
  }

  @Test
  void wrongPasswordNamesConnectionAndHostButNotThePassword(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String wrong = "wrong-" + db.password();
    String hocon =
        job(TempLake.under(lake), db, "SELECT 1 AS id", "table = analytics.denied")
            .replace(db.password(), wrong);

    RunReport report = JobHarness.fromHocon(hocon).run(spark);

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith(
            "cannot load table \"analytics\".\"denied\" through connection 'wh' at "
                + host(db)
                + ": FATAL: password authentication failed for user \""
                + db.user()
                + "\""),
        error);
    assertFalse(error.contains(wrong), error);
    assertFalse(error.contains("*****"), "nothing needed masking: " + error);
    assertEquals(
        Optional.of(StandardFailureCode.TARGET_UNAVAILABLE),
        report.stage("load").orElseThrow().failureCode());
  }

  @Test
  @ExtendWith(S3ServerExtension.class)
  void stagesThroughAnS3LakeAndDeletesTheStagedFiles(
      SparkSession spark, PostgresDatabase db, S3Server s3) {
    String bucket = s3.newBucket();
    String hocon =
        job(
                "s3a://" + bucket + "/lake",
                db,
                "SELECT id, 'v' || id AS v FROM range(1000)",
                "table = analytics.from_s3")
            + s3.hoconLakeS3();

    RunReport report = JobHarness.fromHocon(hocon).runSuccessfully(spark);

    assertEquals(OptionalLong.of(1000), report.stage("load").orElseThrow().rowsOut());
    assertEquals(
        List.of(List.of(1000L, 499500L, "v999")),
        db.query(
            "SELECT count(*), sum(id)::bigint, max(v) FROM analytics.from_s3 WHERE v = 'v' || id"));
    List<String> staged =
        s3
            .client()
            .listObjectsV2(b -> b.bucket(bucket).prefix("lake/_staging/"))
            .contents()
            .stream()
            .map(S3Object::key)
            .toList();
    assertEquals(
        List.of(), staged.stream().filter(k -> !k.endsWith("/")).toList(), staged::toString);
  }

  private static String host(PostgresDatabase db) {
    String url = db.jdbcUrl();
    return url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
  }
}
