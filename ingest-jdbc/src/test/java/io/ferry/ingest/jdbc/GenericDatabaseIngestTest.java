package io.ferry.ingest.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic path: a database Ferry has no dialect for (H2, in memory), read through its own
 * driver with ANSI quoting, typed splits and NTILE quantiles. ({@code timestamp with time zone}
 * columns fail there: Spark 3.5's JDBC source rejects the type before a custom schema applies.)
 */
@ExtendWith(SparkExtension.class)
class GenericDatabaseIngestTest {
  private static final String URL = "jdbc:h2:mem:ferry_generic;DB_CLOSE_DELAY=-1";
  private static final String USER = "ferry";
  private static final String PASSWORD = "generic-secret-1";

  @BeforeAll
  static void sourceTable() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE \"orders\" (\"id\" BIGINT PRIMARY KEY, \"amount\" NUMERIC(12,2),"
              + " \"placed_at\" TIMESTAMP, \"note\" VARCHAR(100))");
      s.execute(
          "INSERT INTO \"orders\" SELECT X, X * 1.25, TIMESTAMP"
              + " '2026-01-01 00:00:00' + X * INTERVAL '1' HOUR, 'note ' || X"
              + " FROM SYSTEM_RANGE(1, 100)");
      s.execute(
          "INSERT INTO \"orders\" VALUES (1000, -0.01, TIMESTAMP"
              + " '1999-12-31 23:59:59.5', ''), (1001, NULL, NULL, NULL)");
    }
  }

  private static String job(Path lake, String stage) {
    return """
        job.name = generic_test
        lake.root = "%s"
        connections.h2 { url = "%s", user = "%s", password = "%s" }
        stages = [ %s ]
        """
        .formatted(TempLake.under(lake), URL, USER, PASSWORD, stage);
  }

  @Test
  void readsADatabaseWithoutADialectInParallelKeepingValues(
      SparkSession spark, @TempDir Path lake) {
    String stage =
        "{ name = orders, type = jdbc-ingest, connection = h2, table = orders, split-by = id,"
            + " partitions = 3, split-strategy = quantile }";

    RunReport report =
        JobHarness.fromHocon(job(lake, stage))
            .run(spark, new RunRequest(Optional.of("g1"), OptionalDouble.empty()));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    StageReport orders = report.stage("orders").orElseThrow();
    assertEquals(OptionalLong.of(102), orders.rowsOut());
    assertEquals(3, ((Number) orders.metrics().get("partitions")).intValue());
    assertEquals("jdbc", orders.metrics().get("read_mode"));
    assertEquals(false, orders.metrics().get("consistent_read"));
    assertEquals("approximate", orders.metrics().get("row_check"));
    assertEquals(102L, orders.metrics().get("source_rows_at_end"));
    List<Row> rows =
        spark.table("orders").collectAsList().stream()
            .sorted(Comparator.comparingLong(r -> r.getLong(0)))
            .toList();
    assertEquals(102, rows.size());
    assertEquals(new BigDecimal("1.25"), rows.get(0).getDecimal(1));
    assertEquals(LocalDateTime.parse("2026-01-01T01:00:00"), rows.get(0).getAs(2));
    assertEquals("note 1", rows.get(0).getString(3));
    Row negative = rows.get(100);
    assertEquals(new BigDecimal("-0.01"), negative.getDecimal(1));
    assertEquals(LocalDateTime.parse("1999-12-31T23:59:59.500"), negative.getAs(2));
    assertEquals("", negative.getString(3));
    Row nulls = rows.get(101);
    assertTrue(nulls.isNullAt(1) && nulls.isNullAt(2) && nulls.isNullAt(3));
  }

  @Test
  void aWrongPasswordNamesTheConnectionNotThePassword(SparkSession spark, @TempDir Path lake) {
    String stage = "{ name = orders, type = jdbc-ingest, connection = h2, table = orders }";

    RunReport report =
        JobHarness.fromHocon(job(lake, stage).replace(PASSWORD, "wrong-password-2"))
            .run(spark, new RunRequest(Optional.of("g2"), OptionalDouble.empty()));

    assertEquals(RunReport.Status.FAILED, report.status());
    String error = report.error().orElseThrow();
    assertTrue(error.contains("'h2'"), error);
    assertTrue(!error.contains("wrong-password-2") && !error.contains(PASSWORD), error);
  }
}
