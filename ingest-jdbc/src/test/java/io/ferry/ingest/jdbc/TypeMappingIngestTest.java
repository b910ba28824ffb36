package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class TypeMappingIngestTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE typed (id bigint PRIMARY KEY, small smallint, whole integer, real4 real,"
            + " real8 double precision, price numeric(12,3), loose numeric, exact numeric,"
            + " ok boolean, name varchar(20), fixed char(4), body text, doc jsonb, raw json,"
            + " uid uuid, bin bytea, day date, local_at timestamp, at timestamptz, wide numeric(38,10))",
        "INSERT INTO typed VALUES"
            + " (1, -32768, 2147483647, 1.5, 0.1, 123456789.125, 3.14159265358979323846,"
            + " 42.123456, true, 'tab\tnewline\n', 'ab', 'back\\\\slash \"q\" ''s'' ☃',"
            + " '{\"a\": [1, 2]}', '{\"b\":null}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + " '\\x00ff10', '2026-11-23', '2026-03-29 02:30:00.5', '2026-03-29 01:30:00+02',"
            + " 9999999999999999999999999999.9999999999),"
            + " (2, NULL, NULL, 'NaN', '-Infinity', -0.001, NULL, NULL, false, '', NULL, '',"
            + " NULL, NULL, NULL, '\\x', NULL, '1899-12-31 23:59:59.999999', '1883-11-18 16:59:59+00',"
            + " -9999999999999999999999999999.9999999999),"
            + " (3, 0, 0, 0, 1e300, 0, 0, 0, NULL, NULL, NULL, NULL, 'null', '[]', NULL, NULL,"
            + " '0001-01-01', '1970-01-01 00:00:00', '1970-01-01 00:00:00.000001+00', 0.0000000001),"
            // Negative, large and rounded numerics (more places than the target scale), the
            // other float specials, text a COPY text line would escape, dates and times long ago.
            + " (4, 32767, -2147483648, 'Infinity', 'NaN', -999999999.999,"
            + " 12345678901234567890.1234567890123456785, -12345678.125, true,"
            + " E'\\\\N \\t', 'x', E'line1\\nline2\\r\\n\\ttab \\\\ back ü 𝄞',"
            + " '{\"k\": \"ü\\n\", \"n\": -1.50}', '  {\"raw\" : 1}  ',"
            + " '00000000-0000-0000-0000-000000000000', '\\x5c0a09', '0100-03-01',"
            + " '1500-02-28 12:34:56.789', '1000-01-01 00:00:00+00', -0.0000000001),"
            + " (5, 1, 1, 3.4e38, -0.0, 0.0005, -0.0000000000000000005, -0.005, false,"
            + " 'a\\b', '', '\\N', '{}', 'null', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\\x00',"
            + " '1969-12-31', '1969-12-31 23:59:59.999999', '1582-10-04 23:59:59+00', 0),"
            + " (9223372036854775807, -1, 16, 1e-45, 5e-324, 999999999.999, 0.00012345,"
            + " 99999999.99, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2000-01-01',"
            + " '2000-01-01 00:00:00', '2026-10-25 01:30:00+01', NULL)",
        "CREATE TABLE arrays (id integer PRIMARY KEY, tags text[], nums integer[])",
        "INSERT INTO arrays VALUES (1, ARRAY['a', 'b c'], ARRAY[1, NULL, 3]), (2, NULL, '{}')");
  }

  @Test
  void directAndJdbcModesGiveIdenticalRowsAndTypes(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
        { name = via_copy, type = jdbc-ingest, connection = src, table = typed, split-by = id,
          column-types { exact = "decimal(10,2)" } }
        { name = via_jdbc, type = jdbc-ingest, connection = src, table = typed, split-by = id,
          direct = false, column-types { exact = "decimal(10,2)" } }
        { name = arrays, type = jdbc-ingest, connection = src, table = arrays }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals("direct", metric(report, "via_copy", "read_mode"));
    assertEquals("jdbc", metric(report, "via_jdbc", "read_mode"));
    StructType schema = spark.table("via_copy").schema();
    assertEquals(spark.table("via_jdbc").schema(), schema);
    List<Row> copied = sorted(spark.table("via_copy").collectAsList());
    List<Row> read = sorted(spark.table("via_jdbc").collectAsList());
    assertEquals(6, copied.size());
    for (int r = 0; r < copied.size(); r++) {
      for (int c = 0; c < schema.size(); c++) {
        Object a = copied.get(r).get(c);
        Object b = read.get(r).get(c);
        if (a instanceof byte[] bytes) {
          assertArrayEquals((byte[]) b, bytes, schema.fields()[c].name());
        } else {
          assertEquals(b, a, "row " + r + " column " + schema.fields()[c].name());
        }
      }
    }
    assertEquals(DataTypes.createDecimalType(12, 3), schema.apply("price").dataType());
    assertEquals(DataTypes.createDecimalType(38, 18), schema.apply("loose").dataType());
    assertEquals(DataTypes.createDecimalType(10, 2), schema.apply("exact").dataType());
    assertEquals(DataTypes.StringType, schema.apply("doc").dataType());
    assertEquals(DataTypes.StringType, schema.apply("uid").dataType());
    assertEquals(DataTypes.BinaryType, schema.apply("bin").dataType());
    assertEquals(DataTypes.TimestampNTZType, schema.apply("local_at").dataType());
    assertEquals(DataTypes.TimestampType, schema.apply("at").dataType());
    assertEquals(DataTypes.createDecimalType(38, 10), schema.apply("wide").dataType());
    assertEquals(
        java.util.Arrays.asList(
            new BigDecimal("9999999999999999999999999999.9999999999"),
            new BigDecimal("-9999999999999999999999999999.9999999999"),
            new BigDecimal("1E-10"),
            new BigDecimal("-1E-10"),
            new BigDecimal("0E-10"),
            null),
        copied.stream().map(r -> r.getAs("wide")).toList());
    Row second = copied.get(1);
    assertEquals("", second.getAs("name"));
    assertNull(second.getAs("fixed"));
    assertEquals(Float.NaN, (Float) second.getAs("real4"));
    assertEquals(LocalDateTime.of(1899, 12, 31, 23, 59, 59, 999_999_000), second.getAs("local_at"));
    assertEquals(
        Instant.parse("1883-11-18T16:59:59Z"),
        ((java.sql.Timestamp) second.getAs("at")).toInstant());
    Row last = copied.get(5);
    assertEquals(LocalDateTime.of(2000, 1, 1, 0, 0), last.getAs("local_at"));
    assertEquals(
        Instant.parse("2026-10-25T00:30:00Z"), ((java.sql.Timestamp) last.getAs("at")).toInstant());
    Row first = copied.get(0);
    assertEquals(new BigDecimal("3.141592653589793238"), first.getAs("loose"));
    assertEquals(new BigDecimal("42.12"), first.getAs("exact"));
    assertEquals("back\\\\slash \"q\" 's' ☃", first.getAs("body"));
    assertEquals("tab\tnewline\n", first.getAs("name"));
    assertEquals("ab  ", first.getAs("fixed"));
    assertEquals("{\"a\": [1, 2]}", first.getAs("doc"));
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", first.getAs("uid"));
    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, (byte[]) first.getAs("bin"));
    assertEquals(LocalDateTime.of(2026, 3, 29, 2, 30, 0, 500_000_000), first.getAs("local_at"));
    assertEquals(
        Instant.parse("2026-03-28T23:30:00Z"),
        ((java.sql.Timestamp) first.getAs("at")).toInstant());
    assertEquals(Float.NaN, (Float) copied.get(1).getAs("real4"));
    assertEquals(Double.NEGATIVE_INFINITY, (Double) copied.get(1).getAs("real8"));
    Row fourth = copied.get(3);
    assertEquals(new BigDecimal("-999999999.999"), fourth.getAs("price"));
    assertEquals(new BigDecimal("12345678901234567890.123456789012345679"), fourth.getAs("loose"));
    assertEquals(new BigDecimal("-12345678.13"), fourth.getAs("exact"));
    assertEquals("line1\nline2\r\n\ttab \\ back ü 𝄞", fourth.getAs("body"));
    assertEquals("x   ", fourth.getAs("fixed"));
    assertEquals(java.sql.Date.valueOf("0100-03-01"), fourth.getAs("day"));
    assertEquals(LocalDateTime.of(1500, 2, 28, 12, 34, 56, 789_000_000), fourth.getAs("local_at"));
    Row fifth = copied.get(4);
    assertEquals(new BigDecimal("0.001"), fifth.getAs("price"));
    assertEquals(new BigDecimal("-0.000000000000000001"), fifth.getAs("loose"));
    assertEquals(new BigDecimal("-0.01"), fifth.getAs("exact"));
    assertEquals("ffffffff-ffff-ffff-ffff-ffffffffffff", fifth.getAs("uid"));
    assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), fifth.getAs("local_at"));
    assertEquals("jdbc", metric(report, "arrays", "read_mode"));
    Row tags = sortedById(spark.table("arrays").collectAsList()).get(0);
    assertEquals(List.of("a", "b c"), tags.getList(1));
    assertEquals(java.util.Arrays.asList(1, null, 3), tags.getList(2));
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparingLong(r -> r.getLong(0))).toList();
  }

  private static List<Row> sortedById(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparingInt(r -> r.getInt(0))).toList();
  }

  /** The failure of a one-stage job, checking that it is a config value not found. */
  private static String configValueNotFound(
      SparkSession spark, PostgresDatabase db, Path lake, String stage) {
    RunReport report = JobHarness.fromHocon(job(lake, db, stage)).run(spark);
    assertEquals(
        java.util.Optional.of(io.ferry.core.stage.StandardFailureCode.CONFIG_VALUE_NOT_FOUND),
        report.failureCode(),
        () -> report.error().orElse(""));
    return IngestJobs.error(report, "typo");
  }

  private static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in " + text);
  }

  @Test
  void aColumnTypesEntryNamingAMissingColumnFailsAtTheEntrysLine(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stage =
        """
        { name = typo, type = jdbc-ingest, connection = src, table = arrays,
          column-types {
            tag = "string"
          } }
        """;
    String error = configValueNotFound(spark, db, lake, stage);
    assertEquals(
        JobHarness.JOB_SOURCE
            + ":"
            + lineOf(job(lake, db, stage), "tag = ")
            + ": column-types names column 'tag', which the source does not return; its columns"
            + " are [id, tags, nums]",
        error);
  }

  @Test
  void aMergeKeyTheSourceLacksFailsAtTheOptionsLineBeforeAnyRead(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stage =
        """
        { name = typo, type = jdbc-ingest, connection = src, table = typed,
          incremental { mode = lastmodified, column = local_at },
          merge-key = [uid, ident] }
        """;
    String error = configValueNotFound(spark, db, lake, stage);
    assertEquals(
        JobHarness.JOB_SOURCE
            + ":"
            + lineOf(job(lake, db, stage), "merge-key = ")
            + ": merge-keys names column 'ident', which the source does not return; its columns"
            + " are [id, small, whole, real4, real8, price, loose, exact, ok, name, fixed, body,"
            + " doc, raw, uid, bin, day, local_at, at, wide]",
        error);
  }
}
