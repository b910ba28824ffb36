package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.launcher.check.MariaDbSource;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's data-fidelity matrix: every type docs/ingest.md lists, from PostgreSQL (direct COPY
 * and JDBC mode) and MariaDB (JDBC), through the lake into a PostgreSQL warehouse with each staging
 * format PostgreSQL loads (binary, csv), compared value by value at the warehouse with the source.
 * One {@code ferry run} of one job holds every ingest and load.
 *
 * <p>It runs in a JVM of its own whose default time zone is {@value #ZONE} (surefire execution
 * {@code non-utc-zone} in this module's pom): a zone with DST history whose changes happened at
 * midnight (so some dates have no midnight and some wall times do not exist) and whose offsets
 * before 1914 were local mean time (-03:06:28). In local mode the stages' tasks run in this JVM, as
 * executors run in JVMs of the cluster's zone: nothing may depend on it.
 */
@Tag("non-utc-zone")
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class DataFidelityTest {
  static final String ZONE = "America/Sao_Paulo";

  /**
   * One column of a fidelity table: its source type, and the SQL giving its value as text at the
   * source and at the warehouse ({@code %s} stands for the column), so that equal text means an
   * equal value.
   */
  private record Column(String name, String type, String atSource, String atWarehouse) {}

  /** A PostgreSQL column compared as the source type's text, the warehouse's value cast back. */
  private static Column pg(String name, String type) {
    return new Column(name, type, "%s::text", "%s::" + type + "::text");
  }

  private static final List<Column> PG_COLUMNS =
      List.of(
          pg("b", "boolean"),
          pg("i2", "smallint"),
          pg("i4", "integer"),
          pg("i8", "bigint"),
          pg("f4", "real"),
          pg("f8", "double precision"),
          pg("n38", "numeric(38,10)"),
          pg("n12", "numeric(12,3)"),
          // Unbounded numeric is read as decimal(38,18), rounding half up (docs/ingest.md).
          new Column("nu", "numeric", "%s::numeric(38,18)::text", "%s::text"),
          pg("t", "text"),
          pg("vc", "varchar(40)"),
          // char(n) keeps its padding in the lake; its cast to text would drop it on both sides.
          new Column("ch", "char(4)", "rpad(%s::text, 4)", "%s"),
          pg("nm", "name"),
          pg("js", "json"),
          pg("jb", "jsonb"),
          pg("u", "uuid"),
          pg("by", "bytea"),
          pg("d", "date"),
          pg("ts", "timestamp"),
          pg("tz", "timestamptz"));

  /** The warehouse column types a created table gets for {@link #PG_COLUMNS}. */
  private static final List<String> PG_WAREHOUSE_TYPES =
      List.of(
          "integer",
          "boolean",
          "smallint",
          "integer",
          "bigint",
          "real",
          "double precision",
          "numeric(38,10)",
          "numeric(12,3)",
          "numeric(38,18)",
          "text",
          "text",
          "text",
          "text",
          "text",
          "text",
          "text",
          "bytea",
          "date",
          "timestamp without time zone",
          "timestamp with time zone");

  /** Arrays load as jsonb (docs/redshift.md): compared as the source array's JSON. */
  private static final List<Column> ARRAY_COLUMNS =
      List.of(
          new Column("tags", "text[]", "to_jsonb(%s)::text", "%s::text"),
          new Column("nums", "integer[]", "to_jsonb(%s)::text", "%s::text"));

  private static final List<Column> MARIA_COLUMNS =
      List.of(
          new Column("wide", "decimal(38,10)", "%s", "%s"),
          new Column("small", "decimal(12,3)", "%s", "%s"),
          new Column("dbl", "double", "%s", "%s"),
          // The float's own value: MySQL prints a float with six significant digits.
          new Column("flt", "float", "CAST(%s AS DOUBLE)", "%s::float8"),
          new Column("big", "bigint", "%s", "%s"),
          new Column("i", "int", "%s", "%s"),
          new Column("si", "smallint", "%s", "%s"),
          new Column("txt", "varchar(100)", "%s", "%s"),
          new Column("body", "text", "%s", "%s"),
          new Column("bin", "varbinary(16)", "HEX(%s)", "upper(encode(%s, 'hex'))"),
          new Column("doc", "json", "%s", "%s"),
          new Column("day", "date", "DATE_FORMAT(%s, '%%Y-%%m-%%d')", "to_char(%s, 'YYYY-MM-DD')"),
          new Column(
              "at",
              "datetime(6)",
              "DATE_FORMAT(%s, '%%Y-%%m-%%d %%H:%%i:%%s.%%f')",
              "to_char(%s, 'YYYY-MM-DD HH24:MI:SS.US')"),
          // The instant, as microseconds since the epoch on both sides.
          new Column(
              "seen",
              "timestamp(6)",
              "CAST(UNIX_TIMESTAMP(%s) * 1000000 AS SIGNED)",
              "(extract(epoch FROM %s) * 1000000)::bigint"));

  /** The warehouse column types a created table gets for {@link #MARIA_COLUMNS}. */
  private static final List<String> MARIA_WAREHOUSE_TYPES =
      List.of(
          "integer",
          "numeric(38,10)",
          "numeric(12,3)",
          "double precision",
          "real",
          "bigint",
          "integer",
          // Spark's MySQL dialect reads smallint as int.
          "integer",
          "text",
          "text",
          "bytea",
          "text",
          "date",
          "timestamp without time zone",
          "timestamp with time zone");

  /** Text that CSV, COPY text format, Redshift literals and JSON each treat specially. */
  private static final List<String> TEXTS =
      List.of(
          "",
          "it's \"quoted\" ''twice''",
          "back\\slash \\\\ double \\N \\x00 \\.",
          "\\N",
          "\\.",
          "line1\nline2\r\nline3\rcr\ttab",
          "a,b;c|d\te\u0001f",
          " leading and trailing space ",
          "emoji 😀 clef 𝄞 ü ☃ 中文",
          "NULL",
          "@NULL@",
          "\"");

  private static void createPostgresSource(PostgresDatabase db) {
    db.execute(
        "CREATE SCHEMA fid",
        "CREATE TABLE fid.types (id integer PRIMARY KEY, b boolean, i2 smallint, i4 integer,"
            + " i8 bigint, f4 real, f8 double precision, n38 numeric(38,10), n12 numeric(12,3),"
            + " nu numeric, t text, vc varchar(40), ch char(4), nm name, js json, jb jsonb,"
            + " u uuid, by bytea, d date, ts timestamp, tz timestamptz)",
        "INSERT INTO fid.types VALUES"
            + " (1, true, -32768, -2147483648, -9223372036854775808, 'NaN', 'NaN',"
            + " 9999999999999999999999999999.9999999999, -999999999.999,"
            + " 3.14159265358979323846, '', '', '', '', '{}', '{}',"
            + " '00000000-0000-0000-0000-000000000000', '\\x00', '0001-01-01',"
            + " '0001-01-01 00:00:00', '0001-01-01 00:00:00+00'),"
            + " (2, false, 32767, 2147483647, 9223372036854775807, 'Infinity', 'Infinity',"
            + " -9999999999999999999999999999.9999999999, 999999999.999,"
            + " -0.0000000000000000005, NULL, NULL, 'ab', 'n', '[]', '[]',"
            + " 'ffffffff-ffff-ffff-ffff-ffffffffffff', '\\x00ff00', '1899-12-31',"
            + " '1899-12-31 23:59:59.999999', '1883-11-18 16:59:59.999999+00'),"
            // The zone's DST start: 2018-11-04 has no midnight, 00:30 does not exist.
            + " (3, NULL, 0, 0, 0, '-Infinity', '-Infinity', 0.0000000001, 0, 0, NULL, NULL,"
            + " 'x', NULL, 'null', 'null', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x',"
            + " '2018-11-04', '2018-11-04 00:30:00', '2018-11-04 02:59:59.999999+00'),"
            // The zone's DST end: 2019-02-16 23:30 happened twice.
            + " (4, true, 1, 1, 1, '-0', '-0', -0.0000000001, 0.001,"
            + " 12345678901234567890.123456789012345678, NULL, NULL, NULL, NULL,"
            + " '  {\"raw\" : \"\\u00fc\", \"n\": 1.50}  ',"
            + " '{\"k\": \"ü\\n\", \"n\": -1.50, \"e\": \"😀\"}', NULL, '\\x5c0a09',"
            + " '2019-02-16', '2019-02-16 23:30:00', '2019-02-17 01:30:00+00'),"
            + " (5, false, -1, -1, -1, 1.4e-45, 4.9e-324, 1, -0.001, -1.5, NULL, NULL, NULL,"
            + " NULL, '\"\\\\\"', '\"\\\\\"', NULL, '\\x0000', '9999-12-31',"
            + " '9999-12-31 23:59:59.999999', '2019-02-17 02:30:00+00'),"
            + " (6, NULL, NULL, NULL, NULL, 3.4028235e38, 1.7976931348623157e308,"
            + " 1234567890123456789012345678.0123456789, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, '1582-10-04', '1500-02-28 12:34:56.789',"
            + " '1582-10-15 00:00:00+00'),"
            + " (7, NULL, NULL, NULL, NULL, 0.1, 0.1, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, '1914-01-01', '2026-03-29 02:30:00',"
            + " '2018-11-04 03:00:00+00'),"
            + " (8, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    // One row per special text, in every text-like column that can hold it.
    try (Connection c = db.connect();
        var insert =
            c.prepareStatement(
                "INSERT INTO fid.types (id, t, vc, nm, js, jb) VALUES (?, ?, ?, ?, ?::json,"
                    + " ?::jsonb)")) {
      for (int i = 0; i < TEXTS.size(); i++) {
        String text = TEXTS.get(i);
        String json = "{\"s\": " + jsonString(text) + "}";
        insert.setInt(1, 100 + i);
        insert.setString(2, text);
        insert.setString(3, text.length() <= 40 ? text : null);
        insert.setString(4, text);
        insert.setString(5, json);
        insert.setString(6, json);
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    db.execute(
        "CREATE TABLE fid.arrays (id integer PRIMARY KEY, tags text[], nums integer[])",
        "INSERT INTO fid.arrays VALUES (1, ARRAY['a', 'b c', '', NULL, 'q\"\\\\,'],"
            + " ARRAY[1, NULL, -2147483648]), (2, '{}', '{}'), (3, NULL, NULL)");
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void createMariaDbSource(MariaDbSource maria) throws SQLException {
    maria.execute(
        "CREATE TABLE fid_types (id int PRIMARY KEY, wide decimal(38,10), small decimal(12,3),"
            + " dbl double, flt float, big bigint, i int, si smallint,"
            + " txt varchar(100) CHARACTER SET utf8mb4, body text CHARACTER SET utf8mb4,"
            + " bin varbinary(16), doc json, day date, at datetime(6), seen timestamp(6) NULL)");
    try (Connection c = mariaConnection(maria);
        Statement s = c.createStatement();
        var insert =
            c.prepareStatement(
                "INSERT INTO fid_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.execute("SET time_zone = '+00:00'");
      Object[][] rows = {
        {
          1,
          "9999999999999999999999999999.9999999999",
          "-999999999.999",
          1.7976931348623157e308,
          3.4028235e38f,
          Long.MIN_VALUE,
          Integer.MIN_VALUE,
          (short) -32768,
          "",
          "",
          new byte[] {0},
          "{}",
          "1000-01-01",
          "1000-01-01 00:00:00.000001",
          "1970-01-01 00:00:01"
        },
        {
          2,
          "-9999999999999999999999999999.9999999999",
          "999999999.999",
          -4.9e-324,
          1.4e-45f,
          Long.MAX_VALUE,
          Integer.MAX_VALUE,
          (short) 32767,
          "x",
          "y",
          new byte[] {0, (byte) 0xff, 0, '\\'},
          "{\"k\": \"ü\\n\", \"n\": -1.50, \"e\": \"😀\"}",
          "1899-12-31",
          "1899-12-31 23:59:59.999999",
          "2038-01-19 03:14:07.999999"
        },
        {
          3,
          "0.0000000001",
          "0.001",
          0.1,
          0.1f,
          0L,
          0,
          (short) 0,
          null,
          null,
          new byte[0],
          "null",
          "2018-11-04",
          "2018-11-04 00:30:00",
          "2018-11-04 02:59:59.999999"
        },
        {
          4,
          "-0.0000000001",
          "-0.001",
          -1.5,
          -1.5f,
          -1L,
          -1,
          (short) -1,
          null,
          null,
          null,
          null,
          "2019-02-16",
          "2019-02-16 23:30:00",
          "2018-11-04 03:00:00"
        },
        {
          5,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          "9999-12-31",
          "9999-12-31 23:59:59.999999",
          "2019-02-17 01:30:00"
        },
        {
          6,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          "2019-02-17 02:30:00"
        },
        {7, null, null, null, null, null, null, null, null, null, null, null, null, null, null}
      };
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          insert.setObject(i + 1, row[i]);
        }
        insert.addBatch();
      }
      for (int i = 0; i < TEXTS.size(); i++) {
        insert.setInt(1, 100 + i);
        for (int p = 2; p <= 15; p++) {
          insert.setObject(p, null);
        }
        insert.setString(9, TEXTS.get(i));
        insert.setString(10, TEXTS.get(i));
        insert.setString(12, "{\"s\": " + jsonString(TEXTS.get(i)) + "}");
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Connection mariaConnection(MariaDbSource maria) throws SQLException {
    return DriverManager.getConnection(maria.url(), MariaDbSource.USER, maria.password());
  }

  /** One load of the matrix: which ingest it loads, with which staging format, into which table. */
  private record Load(String ingest, String format) {
    String stage() {
      return "load_" + ingest + "_" + format;
    }

    String table() {
      return "dw." + ingest + "_" + format;
    }
  }

  private static final List<String> FORMATS = List.of("binary", "csv");

  private static List<Load> loads(String... ingests) {
    List<Load> loads = new ArrayList<>();
    for (String ingest : ingests) {
      for (String format : FORMATS) {
        loads.add(new Load(ingest, format));
      }
    }
    return loads;
  }

  private static Path jobFile(Path dir, PostgresDatabase db, MariaDbSource maria, List<Load> loads)
      throws Exception {
    StringBuilder stages = new StringBuilder();
    stages.append(
        """
          { name = pg_direct, type = jdbc-ingest, connection = src, table = fid.types,
            partitions = 3 }
          { name = pg_jdbc, type = jdbc-ingest, connection = src, table = fid.types,
            partitions = 3, direct = false }
          { name = pg_arrays, type = jdbc-ingest, connection = src, table = fid.arrays }
          { name = maria, type = jdbc-ingest, connection = maria, table = fid_types,
            partitions = 3 }
        """);
    for (Load load : loads) {
      stages.append(
          "  { name = %s, type = redshift-load, input = %s, connection = dw, table = \"%s\",\n"
                  .formatted(load.stage(), load.ingest(), load.table())
              + "    staging-format = %s }\n".formatted(load.format()));
    }
    Path job = dir.resolve("fidelity.conf");
    Files.writeString(
        job,
        """
        job.name = fidelity
        lake.root = "%s"
        %s
        %s
        connections.maria { url = "%s", user = "%s", password = "%s" }
        stages = [
        %s]
        """
            .formatted(
                TempLake.under(dir.resolve("lake")),
                db.hoconConnection("src"),
                db.hoconConnection("dw"),
                maria.url(),
                MariaDbSource.USER,
                maria.password(),
                stages));
    return job;
  }

  private static String ferry(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(expectedCode, code, () -> out + "\n" + err);
    return out + "\n" + err;
  }

  /** A stage's metrics from the run's report.json. */
  private static Map<String, JsonNode> metrics(Path dir, String runId) throws Exception {
    JsonNode report =
        new ObjectMapper()
            .readTree(dir.resolve("lake/_runs/fidelity/" + runId + "/report.json").toFile());
    Map<String, JsonNode> byStage = new LinkedHashMap<>();
    report.get("stages").forEach(s -> byStage.put(s.get("name").asText(), s.get("metrics")));
    return byStage;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString();
  }

  /** Rows of {@code id} and each column's text, by id. */
  private static Map<Integer, List<String>> rows(
      Connection c, String table, List<Column> columns, boolean source) throws SQLException {
    String select =
        columns.stream()
            .map(
                col ->
                    (source ? col.atSource() : col.atWarehouse()).formatted(quoted(c, col.name())))
            .collect(Collectors.joining(", "));
    Map<Integer, List<String>> rows = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, " + select + " FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          values.add(text(rs.getObject(i + 2)));
        }
        rows.put(rs.getInt(1), values);
      }
    }
    return rows;
  }

  private static String quoted(Connection c, String name) throws RuntimeException {
    try {
      String quote = c.getMetaData().getIdentifierQuoteString();
      return quote + name + quote;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every difference between the source table and the warehouse table, each naming the type, the
   * row, both values, the read mode and the staging format.
   */
  private static List<String> differences(
      Connection source,
      String sourceTable,
      Connection warehouse,
      Load load,
      String readMode,
      List<Column> columns)
      throws SQLException {
    Map<Integer, List<String>> expected = rows(source, sourceTable, columns, true);
    Map<Integer, List<String>> loaded = rows(warehouse, load.table(), columns, false);
    List<String> differences = new ArrayList<>();
    String where =
        " (%s read mode %s, staging-format %s, %s)"
            .formatted(load.ingest(), readMode, load.format(), load.table());
    if (!expected.keySet().equals(loaded.keySet())) {
      differences.add(
          "ids " + loaded.keySet() + " loaded, " + expected.keySet() + " at the source" + where);
    }
    for (Map.Entry<Integer, List<String>> row : expected.entrySet()) {
      List<String> got = loaded.get(row.getKey());
      for (int i = 0; got != null && i < columns.size(); i++) {
        String want = row.getValue().get(i);
        if (want == null ? got.get(i) != null : !want.equals(got.get(i))) {
          Column col = columns.get(i);
          differences.add(
              "%s %s, id %d: source %s, warehouse %s%s"
                  .formatted(
                      col.type(), col.name(), row.getKey(), show(want), show(got.get(i)), where));
        }
      }
    }
    return differences;
  }

  private static String show(String value) {
    if (value == null) {
      return "NULL";
    }
    StringBuilder out = new StringBuilder("'");
    value
        .codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('\'').toString();
  }

  private static List<String> warehouseTypes(Connection warehouse, String table)
      throws SQLException {
    List<String> types = new ArrayList<>();
    try (var s =
        warehouse.prepareStatement(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY attnum")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1));
        }
      }
    }
    return types;
  }

  @Test
  void everyListedTypeRoundTripsExactlyInEveryReadModeAndStagingFormat(
      SparkSession spark, PostgresDatabase db, @TempDir Path dir) throws Exception {
    assertEquals(
        ZONE,
        TimeZone.getDefault().getID(),
        "this test must run in a JVM whose default zone is "
            + ZONE
            + " (surefire execution"
            + " non-utc-zone)");
    MariaDbSource maria = MariaDbSource.shared();
    createPostgresSource(db);
    createMariaDbSource(maria);
    List<Load> loads = loads("pg_direct", "pg_jdbc", "pg_arrays", "maria");
    Path job = jobFile(dir, db, maria, loads);

    ferry(0, "run", job.toString(), "--run-id", "r1");

    Map<String, JsonNode> metrics = metrics(dir, "r1");
    assertEquals("direct", metrics.get("pg_direct").get("read_mode").asText());
    assertEquals("jdbc", metrics.get("pg_jdbc").get("read_mode").asText());
    assertEquals("jdbc", metrics.get("maria").get("read_mode").asText());
    assertEquals(
        "no binary COPY decoder for tags (_text as array<string>), nums (_int4 as" + " array<int>)",
        metrics.get("pg_arrays").get("direct_fallback").asText());
    List<String> differences = new ArrayList<>();
    try (Connection pgConnection = db.connect();
        Connection mariaConnection = mariaConnection(maria);
        Statement session = pgConnection.createStatement()) {
      session.execute("SET TIME ZONE 'UTC'");
      for (Load load : loads) {
        String readMode = metrics.get(load.ingest()).get("read_mode").asText();
        String copyFormat = metrics.get(load.stage()).get("copy_format").asText();
        switch (load.ingest()) {
          case "pg_direct", "pg_jdbc" -> {
            assertEquals(load.format(), copyFormat, load.stage());
            assertEquals(PG_WAREHOUSE_TYPES, warehouseTypes(pgConnection, load.table()));
            differences.addAll(
                differences(pgConnection, "fid.types", pgConnection, load, readMode, PG_COLUMNS));
          }
          case "pg_arrays" -> {
            // Nested values load into jsonb, which binary COPY cannot encode: CSV, said so.
            assertEquals("csv", copyFormat, load.stage());
            assertEquals(
                List.of("integer", "jsonb", "jsonb"), warehouseTypes(pgConnection, load.table()));
            differences.addAll(
                differences(
                    pgConnection, "fid.arrays", pgConnection, load, readMode, ARRAY_COLUMNS));
          }
          default -> {
            assertEquals(load.format(), copyFormat, load.stage());
            assertEquals(MARIA_WAREHOUSE_TYPES, warehouseTypes(pgConnection, load.table()));
            differences.addAll(
                differences(
                    mariaConnection, "fid_types", pgConnection, load, readMode, MARIA_COLUMNS));
          }
        }
      }
    }
    assertEquals(List.of(), differences, () -> String.join("\n", differences));
  }

  /**
   * Values no Spark type holds fail the ingest in both read modes, naming the column and the value,
   * instead of arriving as NULL or as a far-away date (pgjdbc's stand-in for {@code infinity}); a
   * staging format PostgreSQL cannot load is refused before anything runs.
   */
  @Test
  void valuesSparkCannotHoldFailTheIngestNamingColumnAndValueInBothModes(
      SparkSession spark, PostgresDatabase db, @TempDir Path dir) throws Exception {
    db.execute(
        "CREATE SCHEMA unheld",
        "CREATE TABLE unheld.nan (id integer PRIMARY KEY, n numeric(10,2))",
        "INSERT INTO unheld.nan VALUES (1, 1.5), (2, 'NaN')",
        "CREATE TABLE unheld.forever (id integer PRIMARY KEY, ts timestamp)",
        "INSERT INTO unheld.forever VALUES (1, '2026-01-01'), (2, 'infinity')",
        "CREATE TABLE unheld.until (id integer PRIMARY KEY, at timestamptz)",
        "INSERT INTO unheld.until VALUES (1, '2026-01-01Z'), (2, '-infinity')",
        "CREATE TABLE unheld.someday (id integer PRIMARY KEY, d date)",
        "INSERT INTO unheld.someday VALUES (1, '2026-01-01'), (2, 'infinity')");
    Map<String, String> messages = new LinkedHashMap<>();
    for (String table : List.of("nan", "forever", "until", "someday")) {
      for (boolean direct : List.of(true, false)) {
        Path job = dir.resolve(table + "-" + direct + ".conf");
        Files.writeString(
            job,
            """
            job.name = unheld
            lake.root = "%s"
            %s
            stages = [ { name = t, type = jdbc-ingest, connection = src, table = unheld.%s,
              direct = %s } ]
            """
                .formatted(
                    TempLake.under(dir.resolve("lake")), db.hoconConnection("src"), table, direct));
        messages.put(table + (direct ? " direct" : " jdbc"), ferry(1, "run", job.toString()));
      }
    }
    String from =
        " from connection 'src' at localhost:"
            + URI.create(db.jdbcUrl().substring(5)).getPort()
            + ": ";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(
        "nan direct",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"nan\""
            + from
            + "column 'n' holds NaN, which a Spark decimal cannot hold; filter it out with where,"
            + " or read the column as double with column-types.n");
    // pgjdbc refuses NaN before Spark sees the column: the table and the value are named.
    expected.put(
        "nan jdbc",
        "(source, SOURCE_READ_FAILED): stage 't' failed: cannot read table \"unheld\".\"nan\""
            + from
            + "Bad value for type BigDecimal : NaN");
    expected.put(
        "forever direct",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"forever\""
            + from
            + "column 'ts' holds infinity, which a Spark timestamp cannot hold; filter it out with"
            + " where, or cast it in a query");
    expected.put(
        "forever jdbc",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"forever\""
            + from
            + "column 'ts' holds 'infinity', which is no timestamp_ntz Spark can hold; convert or"
            + " filter it in a query");
    expected.put(
        "until direct",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"until\""
            + from
            + "column 'at' holds -infinity, which a Spark timestamp cannot hold; filter it out"
            + " with where, or cast it in a query");
    expected.put(
        "until jdbc",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"until\""
            + from
            + "column 'at' holds '-infinity', which is no timestamp Spark can hold; convert or"
            + " filter it in a query");
    expected.put(
        "someday direct",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"someday\""
            + from
            + "column 'd' holds infinity, which a Spark date cannot hold; filter it out with"
            + " where, or cast it in a query");
    expected.put(
        "someday jdbc",
        "(data, DATA_INVALID): stage 't' failed: cannot read table \"unheld\".\"someday\""
            + from
            + "column 'd' holds 'infinity', which is no date Spark can hold; convert or filter it"
            + " in a query");
    expected.forEach(
        (run, message) ->
            assertTrue(messages.get(run).contains(message), () -> run + ":\n" + messages.get(run)));
    Path parquet = dir.resolve("parquet.conf");
    Files.writeString(
        parquet,
        """
        job.name = unheld
        lake.root = "%s"
        %s
        stages = [
          { name = t, type = jdbc-ingest, connection = src, table = unheld.nan }
          { name = load, type = redshift-load, connection = src, table = dw.nan,
            staging-format = parquet }
        ]
        """
            .formatted(TempLake.under(dir.resolve("lake")), db.hoconConnection("src")));
    String refused = ferry(2, "run", parquet.toString());
    assertTrue(
        refused.contains(
            "stages[1].staging-format: staging-format = parquet does not apply when connection is"
                + " jdbc:postgresql:; use binary or csv"),
        refused);
    assertEquals(
        java.util.Arrays.asList((Object) null),
        db.query("SELECT to_regclass('dw.nan')").get(0),
        "the refused job created no table");
  }
}
