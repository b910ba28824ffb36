package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.host;
import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL direct (binary COPY) mode: type overrides, fallback, and failures at the source. */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class DirectModeTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE measures (id integer PRIMARY KEY, n integer, r double precision,"
            + " v numeric)",
        "INSERT INTO measures VALUES (1, 7, 0.5, 1.5), (2, NULL, 2.25, NULL), (3, -3, NULL, 'NaN')");
  }

  @Test
  void columnTypesOverridesAreDecodedOrFallBackToJdbcSayingWhy(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
        { name = widened, type = jdbc-ingest, connection = src, table = measures,
          columns = [id, n, r], column-types { n = "bigint" } }
        { name = as_decimal, type = jdbc-ingest, connection = src, table = measures,
          columns = [id, n, r], column-types { r = "decimal(20,5)" } }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals("direct", metric(report, "widened", "read_mode"));
    assertNull(metric(report, "widened", "direct_fallback"));
    var widened = spark.table("widened");
    assertEquals(DataTypes.LongType, widened.schema().apply("n").dataType());
    assertEquals(
        List.of(7L, -3L),
        sorted(widened.collectAsList()).stream()
            .filter(r -> !r.isNullAt(1))
            .map(r -> r.getLong(1))
            .toList());
    assertEquals("jdbc", metric(report, "as_decimal", "read_mode"));
    assertEquals(
        "no binary COPY decoder for r (float8 as decimal(20,5))",
        metric(report, "as_decimal", "direct_fallback"));
    List<Row> decimals = sorted(spark.table("as_decimal").collectAsList());
    assertEquals(new BigDecimal("0.50000"), decimals.get(0).getDecimal(2));
    assertEquals(new BigDecimal("2.25000"), decimals.get(1).getDecimal(2));
    assertTrue(decimals.get(2).isNullAt(2));
  }

  @Test
  void numericNaNFailsTheStageNamingTheColumn(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    String stages =
        "{ name = nan, type = jdbc-ingest, connection = src, table = measures,"
            + " column-types { v = \"decimal(10,2)\" } }";

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    String error = error(report, "nan");
    assertTrue(
        error.startsWith(
            "cannot read table \"measures\" from connection 'src' at "
                + host(db)
                + ": column 'v' holds NaN, which a Spark decimal cannot hold"),
        error);
    Path stageFolder = lake.resolve("raw/ingest_test/nan");
    if (Files.exists(stageFolder)) {
      try (var left = Files.list(stageFolder)) {
        assertEquals(List.of(), left.toList(), "nothing of the failed attempt is left");
      }
    }
  }

  @Test
  void aCopyFailingMidStreamFailsTheStageAndClosesItsConnection(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    // Planning never evaluates the division (the probe and count do not read the column), so the
    // error comes from the COPY itself, after its first row.
    String stages =
        """
        { name = boom, type = jdbc-ingest, connection = src, split-by = id, partitions = 1,
          query = "SELECT id, 10 / (3 - id) AS ferry_boom FROM measures WHERE $CONDITIONS" }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    String error = error(report, "boom");
    assertTrue(
        error.startsWith(
            "cannot read query from connection 'src' at " + host(db) + ": ERROR: division by zero"),
        error);
    assertEquals(List.of(), copySessions(db));
  }

  /** Sessions still open on a COPY of the failing query; the server ends them asynchronously. */
  private static List<List<Object>> copySessions(PostgresDatabase db) throws InterruptedException {
    String sql =
        "SELECT pid FROM pg_stat_activity WHERE query LIKE 'COPY (%ferry_boom%'"
            + " AND pid <> pg_backend_pid()";
    List<List<Object>> open = db.query(sql);
    for (int i = 0; i < 100 && !open.isEmpty(); i++) {
      Thread.sleep(50);
      open = db.query(sql);
    }
    return open;
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparingInt(r -> r.getInt(0))).toList();
  }
}
