package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static io.ferry.ingest.jdbc.IngestJobs.runId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PostgreSQL table taking writes while it is imported. The planner's session stops at the gate
 * row while it counts the source, after it exported its snapshot; a writer then commits at least
 * ten rounds (20 rows inserted above the largest id, one row deleted, spread over every partition's
 * range) and keeps writing through the whole read. Only then do the partitions start: anything they
 * read that the planner's snapshot did not hold would show.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class ConsistentReadTest {
  private static final int ROWS = 4_000;

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(SourceGate.Postgres.FUNCTION);
    for (String table : List.of("busy_direct", "busy_jdbc", "busy_moments")) {
      db.execute(
          "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)",
          "INSERT INTO " + table + " SELECT g, 'v' || g FROM generate_series(1, " + ROWS + ") g");
    }
  }

  @ParameterizedTest(name = "direct = {0}")
  @ValueSource(booleans = {true, false})
  void everyPartitionReadsThePlannersSnapshotWhileAWriterInsertsAndDeletes(
      boolean direct, SparkSession spark, PostgresDatabase db, @TempDir Path lake)
      throws Exception {
    String table = direct ? "busy_direct" : "busy_jdbc";
    String stage =
        "{ name = %s, type = jdbc-ingest, connection = src, table = %s, where = \"ferry_gate(id)\","
                .formatted(table, table)
            + " split-by = id, partitions = 4, fetch-size = 50, direct = "
            + direct
            + " }";

    Busy busy = importWhileWriting(spark, db, lake, table, stage);

    RunReport report = busy.report();
    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(direct ? "direct" : "jdbc", metric(report, table, "read_mode"));
    assertEquals(true, metric(report, table, "consistent_read"));
    assertEquals("exact", metric(report, table, "row_check"));
    assertTrue(
        ((String) metric(report, table, "snapshot")).matches("[0-9A-F]+-[0-9A-F]+-\\d+"),
        () -> "snapshot " + metric(report, table, "snapshot"));
    assertEquals((long) ROWS, metric(report, table, "source_rows"));
    assertEquals((long) ROWS, metric(report, table, "written_rows"));
    // Exactly the table as it was when the snapshot was exported: every row deleted during the
    // read is there, no row inserted during the read is.
    assertEquals(range(1, ROWS), ids(spark, table));
    assertTrue(busy.writer().deleted().size() >= 10, "deleted " + busy.writer().deleted());
    assertTrue(ids(spark, table).containsAll(busy.writer().deleted()));
    assertFalse(ids(spark, table).contains(BusyWriter.FIRST_INSERTED));
    assertEquals(
        0L, spark.table(table).where("v <> concat('v', cast(id AS string))").count(), "values");
    assertTrue(db.query("SELECT 1 FROM " + table + " WHERE id = " + ROWS).isEmpty());
  }

  @Test
  void withoutASharedSnapshotPartitionsAreBoundedAtThePlannedRangeAndTheRowCheckIsApproximate(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    String stage =
        "{ name = busy_moments, type = jdbc-ingest, connection = src, table = busy_moments,"
            + " where = \"ferry_gate(id)\", split-by = id, partitions = 4, consistent-read = false }";

    Busy busy = importWhileWriting(spark, db, lake, "busy_moments", stage);

    RunReport report = busy.report();
    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(false, metric(report, "busy_moments", "consistent_read"));
    assertEquals("approximate", metric(report, "busy_moments", "row_check"));
    assertEquals((long) ROWS, metric(report, "busy_moments", "source_rows"));
    Set<Long> ids = ids(spark, "busy_moments");
    long written = (long) metric(report, "busy_moments", "written_rows");
    long atEnd = (long) metric(report, "busy_moments", "source_rows_at_end");
    assertEquals(ids.size(), written);
    // The ten rounds before the partitions started are gone; later ones may or may not be.
    assertTrue(
        atEnd <= written && written <= ROWS - 10, written + " written, " + atEnd + " at end");
    Set<Long> kept = range(1, ROWS);
    kept.removeAll(busy.writer().deleted());
    assertTrue(ids.containsAll(kept), "every row never deleted is read");
    assertTrue(range(1, ROWS).containsAll(ids), "no row inserted beyond the planned range");
  }

  record Busy(RunReport report, BusyWriter writer) {}

  /**
   * Runs the stage while the writer writes: the planner stops at the gate, the writer commits ten
   * rounds, the gate opens, and the writer goes on until the stage ends.
   */
  static Busy importWhileWriting(
      SparkSession spark, PostgresDatabase db, Path lake, String table, String stage)
      throws Exception {
    BusyWriter writer = new BusyWriter(db::connect, table, ROWS);
    try (Connection observer = db.connect();
        SourceGate gate = new SourceGate.Postgres(db.connect())) {
      gate.hold();
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(
              () -> JobHarness.fromHocon(job(lake, db, stage)).run(spark, runId("r1")));
      gate.awaitWaiting(observer);
      Thread writing = new Thread(writer, "busy-writer");
      writing.start();
      try {
        writer.awaitTenRounds();
        gate.release();
        RunReport report = run.get(5, TimeUnit.MINUTES);
        return new Busy(report, writer);
      } finally {
        writer.stop();
        writing.join();
        writer.check();
      }
    }
  }

  static Set<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<Long> ids(SparkSession spark, String table) {
    return spark.table(table).select("id").collectAsList().stream()
        .map(r -> r.getLong(0))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
