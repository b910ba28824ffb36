package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md guarantees 1 to 3 under injected failures, for every load mode on the PostgreSQL
 * warehouse (the statements and transaction that Redshift shares are pinned by {@link
 * RedshiftWarehouseGoldenTest}): a failure before COPY (a failing {@code pre-sql}), during COPY (a
 * source row the target column cannot take), between COPY and COMMIT (a failing {@code post-sql})
 * or after COMMIT (a later stage fails), then, the fault removed, a rerun with the same run id and
 * one with a new run id. Each leaves the target exactly as one successful run would, without
 * duplicates, and the watermark, kept in the warehouse, never ahead of the rows it describes.
 *
 * <p>Append and merge read their source incrementally above the watermark, as a job loading new
 * rows does; overwrite and truncate-insert read all of it, as a job replacing a table does.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class LoadFaultsTest {
  private static final int ROWS = 20;
  private static final int BAD_ROW = 7;

  enum Fault {
    BEFORE_COPY,
    DURING_COPY,
    BETWEEN_COPY_AND_COMMIT,
    AFTER_COMMIT
  }

  @BeforeAll
  static void schema(PostgresDatabase db) {
    db.execute("CREATE SCHEMA faults");
  }

  static Stream<Arguments> modesAndFaults() {
    return Arrays.stream(LoadMode.values())
        .flatMap(mode -> Arrays.stream(Fault.values()).map(fault -> Arguments.of(mode, fault)));
  }

  @ParameterizedTest(name = "{0}, failure {1}")
  @MethodSource("modesAndFaults")
  void aRerunAfterAFailureLeavesTheTargetAsOneSuccessfulRunWould(
      LoadMode mode, Fault fault, SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String name = (mode + "_" + fault).toLowerCase(Locale.ROOT);
    String source = "faults.src_" + name;
    String target = "faults.t_" + name;
    boolean incremental = mode == LoadMode.APPEND || mode == LoadMode.MERGE;
    db.execute(
        "CREATE TABLE " + source + " (id bigint, amount text)",
        "INSERT INTO " + source + " SELECT i, i::text FROM generate_series(1, " + ROWS + ") i",
        "CREATE TABLE " + target + " (id bigint, amount integer)",
        "INSERT INTO " + target + " VALUES " + initialRows(mode));
    if (fault == Fault.DURING_COPY) {
      db.execute("UPDATE " + source + " SET amount = 'seven' WHERE id = " + BAD_ROW);
    }
    List<List<Object>> before = rows(db, target);

    RunReport failed =
        run(spark, job(lake, db, name, source, target, mode, incremental, fault), "r1");

    assertEquals(RunReport.Status.FAILED, failed.status());
    if (fault == Fault.AFTER_COMMIT) {
      assertEquals(StageReport.Status.SUCCEEDED, failed.stage("load").orElseThrow().status());
      assertEquals(expected(mode), rows(db, target));
      assertEquals(incremental ? List.of(List.of("20")) : List.of(), watermark(db, name));
    } else {
      assertEquals(StageReport.Status.FAILED, failed.stage("load").orElseThrow().status());
      assertEquals(before, rows(db, target));
      assertEquals(List.of(), watermark(db, name));
      assertEquals(List.of(), loads(db, name));
    }

    db.execute("UPDATE " + source + " SET amount = id::text");
    String repaired = job(lake, db, name, source, target, mode, incremental, null);
    RunReport sameRunId = run(spark, repaired, "r1");
    RunReport newRunId = run(spark, repaired, "r2");

    assertEquals(RunReport.Status.SUCCEEDED, sameRunId.status(), sameRunId.error()::toString);
    assertEquals(
        fault == Fault.AFTER_COMMIT,
        sameRunId.stage("load").orElseThrow().metrics().get("already_committed"));
    assertEquals(RunReport.Status.SUCCEEDED, newRunId.status(), newRunId.error()::toString);
    assertEquals(expected(mode), rows(db, target));
    assertEquals(incremental ? List.of(List.of("20")) : List.of(), watermark(db, name));
    assertEquals(
        List.of(List.of("r1", (long) ROWS), List.of("r2", incremental ? 0L : (long) ROWS)),
        loads(db, name));
  }

  @Test
  void aFailedSecondLoadLeavesTheWatermarkWhereItWasAndARerunOfTheRunIdCompletesBoth(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE TABLE faults.src_two_loads (id bigint, amount text)",
        "INSERT INTO faults.src_two_loads SELECT i, i::text FROM generate_series(1, "
            + ROWS
            + ") i",
        "CREATE TABLE faults.t_first (id bigint, amount integer)",
        "CREATE TABLE faults.t_second (id bigint, amount integer)");
    String job =
        """
        job.name = two_loads
        lake.root = "%s"
        %s
        state { store = warehouse, connection = wh, schema = faults }
        stages = [
          { name = src, type = test-source, connection = wh, table = faults.src_two_loads,
            incremental = true }
          { name = first, type = redshift-load, connection = wh, table = faults.t_first }
          { name = second, type = redshift-load, input = src, connection = wh,
            table = faults.t_second %s }
        ]
        """;
    String failing =
        job.formatted(
            TempLake.under(lake), db.hoconConnection("wh"), ", post-sql = [\"SELECT 1/0\"]");

    RunReport failed = run(spark, failing, "r1");

    assertEquals(StageReport.Status.SUCCEEDED, failed.stage("first").orElseThrow().status());
    assertTrue(failed.error().orElseThrow().contains("division by zero"), failed.error()::toString);
    assertEquals(expected(LoadMode.OVERWRITE), rows(db, "faults.t_first"));
    assertEquals(List.of(), rows(db, "faults.t_second"));
    assertEquals(
        List.of(),
        watermark(db, "two_loads"),
        "the first load committed its rows, not the watermark the second load has not reached");

    RunReport rerun =
        run(spark, job.formatted(TempLake.under(lake), db.hoconConnection("wh"), ""), "r1");

    assertEquals(RunReport.Status.SUCCEEDED, rerun.status(), rerun.error()::toString);
    assertEquals(true, rerun.stage("first").orElseThrow().metrics().get("already_committed"));
    assertEquals(expected(LoadMode.OVERWRITE), rows(db, "faults.t_first"));
    assertEquals(expected(LoadMode.OVERWRITE), rows(db, "faults.t_second"));
    assertEquals(List.of(List.of("20")), watermark(db, "two_loads"));
  }

  /**
   * The target's rows before any run: one the mode keeps or replaces, and for merge a stale one.
   */
  private static String initialRows(LoadMode mode) {
    return switch (mode) {
      case APPEND -> "(0, 0)";
      case OVERWRITE, TRUNCATE_INSERT -> "(100, 100)";
      case MERGE -> "(0, 0), (1, -1)";
    };
  }

  /** The target after one successful run. */
  private static List<List<Object>> expected(LoadMode mode) {
    List<List<Object>> rows = new ArrayList<>();
    if (mode == LoadMode.APPEND || mode == LoadMode.MERGE) {
      rows.add(List.of(0L, 0));
    }
    for (long i = 1; i <= ROWS; i++) {
      rows.add(List.of(i, (int) i));
    }
    return rows;
  }

  private static String job(
      Path lake,
      PostgresDatabase db,
      String name,
      String source,
      String target,
      LoadMode mode,
      boolean incremental,
      Fault fault) {
    String extra =
        switch (fault == null ? Fault.DURING_COPY : fault) {
          case BEFORE_COPY -> ", pre-sql = [\"SELECT 1/0\"]";
          case BETWEEN_COPY_AND_COMMIT -> ", post-sql = [\"SELECT 1/0\"]";
          default -> "";
        };
    String later =
        fault == Fault.AFTER_COMMIT ? "{ name = later, type = test-step, fail = boom }" : "";
    return """
        job.name = %s
        lake.root = "%s"
        %s
        state { store = warehouse, connection = wh, schema = faults }
        stages = [
          { name = src, type = test-source, connection = wh, table = "%s", incremental = %s }
          { name = load, type = redshift-load, connection = wh, table = "%s", mode = %s %s %s }
          %s
        ]
        """
        .formatted(
            name,
            TempLake.under(lake),
            db.hoconConnection("wh"),
            source,
            incremental,
            target,
            mode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
            mode == LoadMode.MERGE ? ", merge-keys = [id]" : "",
            extra,
            later);
  }

  private static RunReport run(SparkSession spark, String hocon, String runId) {
    return JobHarness.fromHocon(hocon)
        .run(spark, new RunRequest(Optional.of(runId), OptionalDouble.empty()));
  }

  private static List<List<Object>> rows(PostgresDatabase db, String table) {
    return db.query("SELECT id, amount FROM " + table + " ORDER BY id, amount");
  }

  private static List<List<Object>> watermark(PostgresDatabase db, String job) {
    return db.query(
        "SELECT watermark FROM faults.ferry_watermarks WHERE job = '"
            + job
            + "' AND stage = 'src'");
  }

  private static List<List<Object>> loads(PostgresDatabase db, String job) {
    return db.query(
        "SELECT run_id, rows_loaded FROM faults.ferry_loads WHERE job = '"
            + job
            + "' ORDER BY run_id");
  }
}
