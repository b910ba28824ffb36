package io.ferry.ingest.jdbc;

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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class JdbcIngestStageTest {
  private static final String NOTE = "He said \"hi\"\nC:\\new\\table\ttab 'quoted'";
  private static final String UNICODE = "Grüße ☃ 𝄞 日本";

  @BeforeAll
  static void sourceTables(PostgresDatabase db) {
    db.execute(
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(14,2),"
            + " rate numeric(20,10), placed_at timestamptz, note text, day date)",
        "INSERT INTO sales.orders VALUES"
            + " (1, 123456789012.34, 0.0000001000, '2026-03-29 01:30:00.123456+02', "
            + literal(NOTE)
            + ", '2026-01-31'),"
            + " (2, -0.01, 1.5000000000, '1970-01-01 00:00:00+00', '', NULL),"
            + " (3, NULL, NULL, NULL, NULL, '1999-12-31'),"
            + " (4, 0.00, 0, '2026-11-23 23:59:59.999999-08', "
            + literal(UNICODE)
            + ", '2026-11-24')",
        "CREATE TABLE sales.\"Line Items\" (\"Item Id\" integer, \"Qty\" integer, secret text)",
        "INSERT INTO sales.\"Line Items\" VALUES (10, 1, 'x'), (11, 5, 'y'), (12, 7, 'z')");
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String job(Path lake, PostgresDatabase db, String stages) {
    return """
        job.name = ingest_test
        lake.root = "%s"
        %s
        stages = [
        %s
        ]
        """
        .formatted(TempLake.under(lake), db.hoconConnection("src"), stages);
  }

  private static RunRequest runId(String id) {
    return new RunRequest(Optional.of(id), OptionalDouble.empty());
  }

  @Test
  void ingestsATableIntoACommittedRunFolderKeepingValuesExactly(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        "{ name = orders_all, type = jdbc-ingest, connection = src, table = sales.orders }";

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark, runId("r1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(OptionalLong.of(4), report.stage("orders_all").orElseThrow().rowsOut());
    Path folder = lake.resolve("raw/ingest_test/orders_all/run=r1");
    assertTrue(Files.isRegularFile(folder.resolve("_SUCCESS")));
    var written = spark.read().parquet(folder.toUri().toString());
    StructType schema = written.schema();
    assertEquals(DataTypes.createDecimalType(14, 2), schema.apply("amount").dataType());
    assertEquals(DataTypes.createDecimalType(20, 10), schema.apply("rate").dataType());
    assertEquals(DataTypes.TimestampType, schema.apply("placed_at").dataType());
    List<Row> rows = sorted(spark.table("orders_all").collectAsList());
    assertRow(rows.get(0), 1, "123456789012.34", "0.0000001000", "2026-03-28T23:30:00.123456Z");
    assertEquals(NOTE, rows.get(0).getString(4));
    assertEquals(LocalDate.of(2026, 1, 31), rows.get(0).getDate(5).toLocalDate());
    assertRow(rows.get(1), 2, "-0.01", "1.5000000000", "1970-01-01T00:00:00Z");
    assertEquals("", rows.get(1).getString(4));
    assertTrue(rows.get(1).isNullAt(5));
    assertTrue(rows.get(2).isNullAt(1) && rows.get(2).isNullAt(3) && rows.get(2).isNullAt(4));
    assertRow(rows.get(3), 4, "0.00", "0E-10", "2026-11-24T07:59:59.999999Z");
    assertEquals(UNICODE, rows.get(3).getString(4));
  }

  private static void assertRow(Row row, long id, String amount, String rate, String instant) {
    assertEquals(id, row.getLong(0));
    assertEquals(new BigDecimal(amount), row.getDecimal(1));
    assertEquals(new BigDecimal(rate), row.getDecimal(2));
    assertEquals(Instant.parse(instant), row.getTimestamp(3).toInstant());
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream()
        .sorted(Comparator.comparingLong(r -> ((Number) r.get(0)).longValue()))
        .toList();
  }

  @Test
  void readsAQueryAndQuotedColumnsWithAPredicate(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
        { name = big_orders, type = jdbc-ingest, connection = src,
          query = \"\"\"SELECT id, amount FROM sales.orders WHERE amount > 0 -- positive only
                     ;\"\"\" }
        { name = items, type = jdbc-ingest, connection = src, table = "sales.\\"Line Items\\"",
          columns = ["\\"Item Id\\"", "\\"Qty\\""], where = "\\"Qty\\" > 1", fetch-size = 1 }
        """;

    JobHarness.fromHocon(job(lake, db, stages)).runSuccessfully(spark);

    List<Row> orders = spark.table("big_orders").collectAsList();
    assertEquals(1, orders.size());
    assertEquals(1L, orders.get(0).getLong(0));
    assertEquals(new BigDecimal("123456789012.34"), orders.get(0).getDecimal(1));
    var items = spark.table("items");
    assertEquals(List.of("Item Id", "Qty"), Arrays.asList(items.columns()));
    List<Row> itemRows = sorted(items.collectAsList());
    assertEquals(List.of(RowFactory.create(11, 5), RowFactory.create(12, 7)), itemRows);
  }

  @Test
  void rerunOfARunIdReplacesItsFolder(SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute("CREATE TABLE sales.ticks (n integer)", "INSERT INTO sales.ticks VALUES (1), (2)");
    JobHarness harness =
        JobHarness.fromHocon(
            job(
                lake,
                db,
                "{ name = ticks, type = jdbc-ingest, connection = src, table = sales.ticks }"));

    harness.run(spark, runId("same"));
    db.execute("INSERT INTO sales.ticks VALUES (3)");
    RunReport second = harness.run(spark, runId("same"));

    assertEquals(OptionalLong.of(3), second.stage("ticks").orElseThrow().rowsOut());
    String folder = lake.resolve("raw/ingest_test/ticks/run=same").toUri().toString();
    assertEquals(3L, spark.read().parquet(folder).count());
  }

  @Test
  void unknownTableFailsNamingTableConnectionAndHost(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages = "{ name = missing, type = jdbc-ingest, connection = src, table = sales.nope }";

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    StageReport stage = report.stage("missing").orElseThrow();
    assertEquals(StageReport.Status.FAILED, stage.status());
    String error = stage.error().orElseThrow();
    assertTrue(
        error.startsWith(
            "cannot read table \"sales\".\"nope\" from connection 'src' at "
                + host(db)
                + ": ERROR: relation \"sales.nope\" does not exist"),
        error);
    assertFalse(Files.exists(lake.resolve("raw/ingest_test/missing")));
  }

  @Test
  void wrongPasswordFailsNamingConnectionAndHostButNotThePassword(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String wrong = "wrong-" + db.password();
    String hocon =
        job(
                lake,
                db,
                "{ name = denied, type = jdbc-ingest, connection = src, table = sales.orders }")
            .replace(db.password(), wrong);

    RunReport report = JobHarness.fromHocon(hocon).run(spark);

    String error = report.stage("denied").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith(
            "cannot read table \"sales\".\"orders\" from connection 'src' at "
                + host(db)
                + ": FATAL: password authentication failed for user \""
                + db.user()
                + "\""),
        error);
    assertFalse(error.contains(wrong), error);
    assertFalse(error.contains("*****"), "nothing needed masking: " + error);
  }

  private static String host(PostgresDatabase db) {
    String url = db.jdbcUrl();
    return url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
  }
}
