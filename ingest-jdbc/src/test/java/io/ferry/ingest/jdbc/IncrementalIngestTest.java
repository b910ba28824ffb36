package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class IncrementalIngestTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE orders (id bigint PRIMARY KEY, note text)",
        "INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "CREATE TABLE changes (account integer, balance numeric(10,2), changed_at timestamp)",
        "INSERT INTO changes VALUES (1, 10.00, '2026-01-01 10:00'), (2, 20.00, '2026-01-01 11:00'),"
            + " (1, 15.00, '2026-01-02 09:00')");
  }

  private static final String APPEND =
      """
      { name = orders, type = jdbc-ingest, connection = src, table = orders,
        incremental { mode = append, column = id } }
      """;

  private static List<Long> ids(SparkSession spark, String view) {
    return spark.table(view).select("id").collectAsList().stream()
        .map(r -> r.getLong(0))
        .sorted()
        .toList();
  }

  @Test
  void appendImportsOnlyNewRowsOverThreeRunsAndAFailedRunDoesNotMoveTheWatermark(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    JobHarness job = JobHarness.fromHocon(job(lake, db, APPEND));
    JobHarness failing =
        JobHarness.fromHocon(
            job(
                lake,
                db,
                APPEND
                    + "{ name = broken, type = jdbc-ingest, connection = src, table = missing }"));

    RunReport first = job.run(spark);
    assertEquals(List.of(1L, 2L, 3L), ids(spark, "orders"));
    assertEquals("3", metric(first, "orders", "watermark"));
    assertEquals("append from the start up to 3", metric(first, "orders", "incremental"));

    db.execute("INSERT INTO orders VALUES (4, 'd'), (5, 'e')");
    RunReport second = job.run(spark);
    assertEquals(List.of(4L, 5L), ids(spark, "orders"));
    assertEquals("append after 3 up to 5", metric(second, "orders", "incremental"));

    db.execute("INSERT INTO orders VALUES (6, 'f')");
    RunReport failed = failing.run(spark);
    assertEquals(RunReport.Status.FAILED, failed.status());
    assertEquals(List.of(6L), ids(spark, "orders"));

    db.execute("INSERT INTO orders VALUES (7, 'g')");
    RunReport third = job.run(spark);
    assertEquals(RunReport.Status.SUCCEEDED, third.status(), () -> third.error().orElse(""));
    assertEquals(List.of(6L, 7L), ids(spark, "orders"));
    assertEquals("append after 5 up to 7", metric(third, "orders", "incremental"));

    RunReport nothingNew = job.run(spark);
    assertEquals(List.of(), ids(spark, "orders"));
    assertEquals(0L, metric(nothingNew, "orders", "source_rows"));
  }

  @Test
  void lastModifiedImportsUpdatedRowsAndMergeKeyKeepsTheLatestPerKey(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    JobHarness job =
        JobHarness.fromHocon(
            job(
                lake,
                db,
                """
                { name = balances, type = jdbc-ingest, connection = src, table = changes,
                  incremental { mode = lastmodified, column = changed_at, lookback = 1s },
                  merge-keys = [account] }
                """));

    RunReport first = job.run(spark);
    assertEquals(RunReport.Status.SUCCEEDED, first.status(), () -> first.error().orElse(""));
    assertEquals(Map.of(1, new BigDecimal("15.00"), 2, new BigDecimal("20.00")), balances(spark));
    assertEquals(2L, metric(first, "balances", "source_rows"));

    db.execute(
        "INSERT INTO changes VALUES (2, 21.00, localtimestamp), (3, 30.00, localtimestamp)",
        "INSERT INTO changes VALUES (2, 22.00, localtimestamp + INTERVAL '1 microsecond')");
    RunReport second = job.run(spark);

    assertEquals(Map.of(2, new BigDecimal("22.00"), 3, new BigDecimal("30.00")), balances(spark));
    assertEquals(2L, metric(second, "balances", "written_rows"));
  }

  private static Map<Integer, BigDecimal> balances(SparkSession spark) {
    Map<Integer, BigDecimal> out = new TreeMap<>();
    for (Row r : spark.table("balances").collectAsList()) {
      out.put(r.getInt(0), r.getDecimal(1));
    }
    return out;
  }
}
