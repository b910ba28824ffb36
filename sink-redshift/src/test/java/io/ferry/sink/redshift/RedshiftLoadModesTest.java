package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.stage.StandardFailureCode;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.math.BigDecimal;
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

/** Every load mode, exactly-once reruns and injected failures, end to end on PostgreSQL 15. */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class RedshiftLoadModesTest {
  /** Keys 1-3: NULL and '' apart, unicode, a newline, decimals, an instant. */
  private static final String BATCH =
      """
      SELECT * FROM VALUES
        (1L, CAST('10.50' AS DECIMAL(12,2)), 'Grüße ☃', TIMESTAMP'2026-11-24 10:00:00'),
        (2L, CAST('-0.01' AS DECIMAL(12,2)), '', TIMESTAMP'2026-11-24 11:00:00.123456'),
        (3L, NULL, concat('a', char(10), 'b'), NULL)
      AS t(id, amount, note, at)
      """;

  @BeforeAll
  static void schema(PostgresDatabase db) {
    db.execute("CREATE SCHEMA modes");
  }

  private static JobHarness job(
      Path lake, PostgresDatabase db, String table, String input, String load, String after) {
    return JobHarness.fromHocon(
        """
        job.name = modes
        lake.root = "%s"
        %s
        stages = [
          { name = input, type = test-sql, sql = \"\"\"%s\"\"\" }
          { name = load, type = redshift-load, connection = wh, dialect = postgres,
            table = "%s", %s }
          %s
        ]
        """
            .formatted(TempLake.under(lake), db.hoconConnection("wh"), input, table, load, after));
  }

  private static RunRequest runId(String id) {
    return new RunRequest(Optional.of(id), OptionalDouble.empty());
  }

  private static List<List<Object>> rows(PostgresDatabase db, String table) {
    return db.query(
        "SELECT id, amount, note, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM "
            + table
            + " ORDER BY id");
  }

  private static final List<List<Object>> BATCH_ROWS =
      List.of(
          Arrays.asList(1L, new BigDecimal("10.50"), "Grüße ☃", "2026-11-24 10:00:00.000000"),
          Arrays.asList(2L, new BigDecimal("-0.01"), "", "2026-11-24 11:00:00.123456"),
          Arrays.asList(3L, null, "a\nb", null));

  @Test
  void overwriteReplacesTheContentsButKeepsTheTableItsGrantsAndViews(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE modes.ow (id bigint, amount numeric(12,2), note text, at timestamptz)",
        "INSERT INTO modes.ow VALUES (9, 1, 'old', now())",
        "CREATE VIEW modes.ow_view AS SELECT id FROM modes.ow",
        "GRANT SELECT ON modes.ow TO PUBLIC");
    String acl = "SELECT oid, relacl::text FROM pg_class WHERE oid = 'modes.ow'::regclass";
    List<List<Object>> grants = db.query(acl);

    RunReport report =
        job(lake, db, "modes.ow", BATCH, "mode = overwrite", "").run(spark, runId("ow1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(OptionalLong.of(3), report.stage("load").orElseThrow().rowsOut());
    assertEquals(BATCH_ROWS, rows(db, "modes.ow"));
    assertEquals(List.of(List.of(3L)), db.query("SELECT count(*) FROM modes.ow_view"));
    assertEquals(grants, db.query(acl));
    assertTrue(grants.get(0).get(1).toString().contains("=r/"), grants::toString);
  }

  @Test
  void truncateInsertReplacesTheContents(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE modes.ti (id bigint, amount numeric(12,2), note text, at timestamptz)",
        "INSERT INTO modes.ti VALUES (9, 1, 'old', now())");

    RunReport report =
        job(lake, db, "modes.ti", BATCH, "mode = truncate-insert", "").run(spark, runId("ti1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(OptionalLong.of(3), report.stage("load").orElseThrow().rowsOut());
    assertEquals(BATCH_ROWS, rows(db, "modes.ti"));
  }

  @Test
  void mergeUpdatesExistingKeysAndInsertsNewOnes(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE modes.mg (id bigint PRIMARY KEY, amount numeric(12,2), note text,"
            + " at timestamptz, kept text DEFAULT 'kept')",
        "INSERT INTO modes.mg (id, amount, note, at, kept) VALUES (2, 5, 'old', now(), 'mine'),"
            + " (7, 7, 'untouched', '2026-01-01T00:00:00Z', 'mine')");

    RunReport report =
        job(lake, db, "modes.mg", BATCH, "mode = merge, merge-keys = [id]", "")
            .run(spark, runId("mg1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(OptionalLong.of(3), report.stage("load").orElseThrow().rowsOut());
    assertEquals(
        List.of(
            BATCH_ROWS.get(0),
            BATCH_ROWS.get(1),
            BATCH_ROWS.get(2),
            Arrays.asList(7L, new BigDecimal("7.00"), "untouched", "2026-01-01 00:00:00.000000")),
        rows(db, "modes.mg"));
    assertEquals(
        List.of(List.of(1L, "kept"), List.of(2L, "mine"), List.of(3L, "kept"), List.of(7L, "mine")),
        db.query("SELECT id, kept FROM modes.mg ORDER BY id"));
  }

  @Test
  void duplicateMergeKeysAreAnErrorAndLoadNothing(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE modes.dup (id bigint, v text)", "INSERT INTO modes.dup VALUES (1, 'a')");
    String input = "SELECT * FROM VALUES (1L, 'x'), (1L, 'y'), (2L, 'z') AS t(id, v)";

    RunReport report =
        job(lake, db, "modes.dup", input, "mode = merge, merge-keys = [id]", "").run(spark);

    String error = report.stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.endsWith(
            ": the input holds several rows for the same merge key [id], e.g. 1 (2 rows); set"
                + " dedupe-by to the column whose greatest value wins, or remove them in an earlier"
                + " stage"),
        error);
    assertEquals(List.of(List.of(1L, "a")), db.query("SELECT * FROM modes.dup"));
    assertEquals(
        Optional.of(StandardFailureCode.DATA_INVALID),
        report.stage("load").orElseThrow().failureCode());
  }

  @Test
  void dedupeByKeepsTheRowWithTheGreatestValuePerKey(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String input =
        "SELECT * FROM VALUES (1L, 'old', 1), (1L, 'new', 3), (1L, 'mid', 2), (2L, 'only', 1)"
            + " AS t(id, v, version)";

    job(lake, db, "modes.dd", input, "mode = merge, merge-keys = [ID], dedupe-by = version", "")
        .runSuccessfully(spark);

    assertEquals(
        List.of(List.of(1L, "new", 3), List.of(2L, "only", 1)),
        db.query("SELECT * FROM modes.dd ORDER BY id"));
  }

  @Test
  void rerunningACommittedRunIdLoadsNothingAndTheBookSaysWhatLoaded(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    JobHarness harness = job(lake, db, "modes.once", BATCH, "mode = append", "");

    RunReport first = harness.run(spark, runId("once1"));
    RunReport again = harness.run(spark, runId("once1"));

    assertEquals(RunReport.Status.SUCCEEDED, again.status(), () -> again.error().orElse(""));
    assertEquals(OptionalLong.of(3), first.stage("load").orElseThrow().rowsOut());
    assertEquals(true, again.stage("load").orElseThrow().metrics().get("already_committed"));
    assertEquals(BATCH_ROWS, rows(db, "modes.once"));
    assertEquals(
        List.of(List.of("modes", "load", "once1", "\"modes\".\"once\"", "append", 3L, "{}")),
        db.query(
            "SELECT job, stage, run_id, target, mode, rows_loaded, watermarks FROM"
                + " modes.ferry_loads WHERE target = '\"modes\".\"once\"'"));
  }

  /** Failures before COPY, during COPY, between COPY and commit, and after commit; then a rerun. */
  @Test
  void afterAFailureAtAnyPointARerunLeavesTheTargetExact(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE modes.ff (id bigint, amount numeric(12,2), note text, at timestamptz)",
        "INSERT INTO modes.ff VALUES (0, 0, 'before', NULL)");
    List<List<Object>> before = rows(db, "modes.ff");
    String badRow = "SELECT * FROM VALUES (5L, '1.00'), (6L, 'abc') AS t(id, amount)";

    RunReport beforeCopy =
        job(lake, db, "modes.ff", BATCH, "pre-sql = [\"SELECT 1/0\"]", "").run(spark, runId("f1"));
    RunReport duringCopy =
        job(lake, db, "modes.ff", badRow, "mode = append", "").run(spark, runId("f1"));
    RunReport beforeCommit =
        job(lake, db, "modes.ff", BATCH, "post-sql = [\"SELECT 1/0\"]", "").run(spark, runId("f1"));
    RunReport afterCommit =
        job(
                lake,
                db,
                "modes.ff",
                BATCH,
                "mode = append",
                "{ name = later, type = test-step, fail = boom }")
            .run(spark, runId("f1"));
    RunReport rerun = job(lake, db, "modes.ff", BATCH, "mode = append", "").run(spark, runId("f1"));

    assertTrue(
        beforeCopy.error().orElseThrow().contains("division by zero"), beforeCopy.error()::get);
    assertTrue(
        duringCopy.error().orElseThrow().contains("invalid input syntax for type numeric: \"abc\""),
        duringCopy.error()::get);
    assertTrue(
        beforeCommit.error().orElseThrow().contains("division by zero"), beforeCommit.error()::get);
    assertEquals(RunReport.Status.FAILED, afterCommit.status());
    assertEquals(StageReport.Status.SUCCEEDED, afterCommit.stage("load").orElseThrow().status());
    assertEquals(RunReport.Status.SUCCEEDED, rerun.status(), () -> rerun.error().orElse(""));
    assertEquals(true, rerun.stage("load").orElseThrow().metrics().get("already_committed"));
    assertEquals(before.get(0), rows(db, "modes.ff").get(0));
    assertEquals(BATCH_ROWS, rows(db, "modes.ff").subList(1, 4));
    assertEquals(4, rows(db, "modes.ff").size());
  }

  @Test
  void warehouseStateStoreCommitsWatermarksWithTheRows(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String hocon =
        """
        job.name = wm
        lake.root = "%s"
        %s
        state { store = warehouse, connection = wh, schema = modes }
        stages = [
          { name = orders_in, type = test-step, watermark = "2026-11-24T10:00:00Z" }
          { name = input, type = test-sql, sql = "SELECT 1L AS id, 'a' AS v" }
          { name = load, type = redshift-load, connection = wh, dialect = postgres, table = modes.wm }
          { name = later, type = test-step, fail = boom }
        ]
        """
            .formatted(TempLake.under(lake), db.hoconConnection("wh"));

    RunReport failed = JobHarness.fromHocon(hocon).run(spark, runId("wm1"));

    assertEquals(RunReport.Status.FAILED, failed.status());
    assertEquals(
        List.of(List.of("wm", "orders_in", "2026-11-24T10:00:00Z", "wm1")),
        db.query("SELECT job, stage, watermark, run_id FROM modes.ferry_watermarks"));
    assertEquals(
        List.of(List.of("{\"orders_in\":\"2026-11-24T10:00:00Z\"}")),
        db.query("SELECT watermarks FROM modes.ferry_loads WHERE job = 'wm'"));
    assertEquals(List.of(List.of(1L, "a")), db.query("SELECT * FROM modes.wm"));
  }

  @Test
  void newInputColumnsAreListedOrAddedWithAddColumns(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute("CREATE TABLE modes.evo (id bigint)");
    String input = "SELECT 1L AS id, 'x' AS extra, CAST(2.5 AS DECIMAL(5,1)) AS more";

    RunReport refused = job(lake, db, "modes.evo", input, "mode = append", "").run(spark);
    job(lake, db, "modes.evo", input, "schema-evolution = add-columns", "").runSuccessfully(spark);

    assertTrue(
        refused
            .error()
            .orElseThrow()
            .endsWith(
                ": input columns [extra, more] are not in table \"modes\".\"evo\", which has [id];"
                    + " rename or drop them in an earlier stage, add them to the table, or set"
                    + " schema-evolution = add-columns"),
        refused.error()::get);
    assertEquals(
        List.of(List.of(1L, "x", new BigDecimal("2.5"))), db.query("SELECT * FROM modes.evo"));
  }
}
