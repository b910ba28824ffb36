package io.ferry.sink.redshift.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's binary COPY reads what the encoder writes to exactly the encoded values: random
 * decimals of every precision and scale, integers into wider and numeric columns, and the values
 * whose binary forms have edges (CHAR padding, length checks). The pairs without an encoding are
 * named. Every type's edge values against the CSV path are PipelinedLoadTest's.
 */
@ExtendWith(PostgresExtension.class)
class PgBinaryEncoderTest {

  /** COPYs {@code rows} in binary into {@code table}, in one file with header and trailer. */
  private static long copy(
      PostgresDatabase db, String table, StructType schema, List<String> types, List<Object[]> rows)
      throws SQLException, IOException {
    try (Connection c = db.connect()) {
      return copy(c, table, schema, types, rows);
    }
  }

  private static long copy(
      Connection c, String table, StructType schema, List<String> types, List<Object[]> rows)
      throws SQLException, IOException {
    PgBinaryEncoder encoder = new PgBinaryEncoder(schema, types);
    encoder.begin();
    for (Object[] row : rows) {
      encoder.encode(new GenericInternalRow(row));
    }
    encoder.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encoder.flushTo(out);
    return c.unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn(
            "COPY " + table + " FROM STDIN WITH (FORMAT binary)",
            new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void randomDecimalsOfEveryPrecisionAndScaleReadBackExactly(PostgresDatabase db) throws Exception {
    db.execute("CREATE TABLE decimals (k int, v numeric)");
    SplittableRandom random = new SplittableRandom(7);
    StructType schema = new StructType().add("k", DataTypes.IntegerType);
    List<Object[]> rows = new ArrayList<>();
    List<BigDecimal> expected = new ArrayList<>();
    int n = 4000;
    for (int k = 0; k < n; k++) {
      int precision = 1 + random.nextInt(38);
      int scale = random.nextInt(precision + 1);
      // Random digit counts, so small values with many leading zero groups come up too.
      BigInteger unscaled =
          new BigInteger(1 + random.nextInt(precision * 4), new java.util.Random(k));
      while (unscaled.toString().length() > precision) {
        unscaled = unscaled.shiftRight(1);
      }
      if (random.nextBoolean()) {
        unscaled = unscaled.negate();
      }
      BigDecimal value = new BigDecimal(unscaled, scale);
      expected.add(value);
      rows.add(new Object[] {k, Decimal.apply(value, precision, scale)});
    }
    // One column type per row would need one table per type: the decimal type only decides the
    // compact (long) or big path, so each row goes through a schema of its own precision.
    long copied = 0;
    try (Connection c = db.connect()) {
      for (int k = 0; k < n; k++) {
        Decimal d = (Decimal) rows.get(k)[1];
        StructType one = schema.add("v", DataTypes.createDecimalType(d.precision(), d.scale()));
        copied +=
            copy(c, "decimals", one, List.of("int4", "numeric"), List.<Object[]>of(rows.get(k)));
      }
    }
    assertEquals(n, copied);
    List<List<Object>> loaded = db.query("SELECT k, v FROM decimals ORDER BY k");
    for (int k = 0; k < n; k++) {
      BigDecimal got = (BigDecimal) loaded.get(k).get(1);
      BigDecimal want = expected.get(k);
      assertEquals(want, got, "row " + k + ": value and scale (" + want.toPlainString() + ")");
    }
  }

  @Test
  void integersLoadIntoWiderAndNumericColumnsAndStringsKeepTheirTypesChecks(PostgresDatabase db)
      throws Exception {
    db.execute(
        "CREATE TABLE widened (a int8, b int8, c int4, d numeric(20,0), e numeric(6,2), f char(4),"
            + " g varchar(3), h timestamp, i timestamptz)");
    StructType schema =
        new StructType()
            .add("a", DataTypes.IntegerType)
            .add("b", DataTypes.ByteType)
            .add("c", DataTypes.ShortType)
            .add("d", DataTypes.LongType)
            .add("e", DataTypes.createDecimalType(7, 3))
            .add("f", DataTypes.StringType)
            .add("g", DataTypes.StringType)
            .add("h", DataTypes.TimestampType)
            .add("i", DataTypes.TimestampNTZType);
    List<String> types =
        List.of(
            "int8",
            "int8",
            "int4",
            "numeric",
            "numeric",
            "bpchar",
            "varchar",
            "timestamp",
            "timestamptz");
    copy(
        db,
        "widened",
        schema,
        types,
        List.<Object[]>of(
            new Object[] {
              Integer.MIN_VALUE,
              (byte) -128,
              (short) 32767,
              Long.MIN_VALUE,
              Decimal.apply(new BigDecimal("1234.565"), 7, 3),
              UTF8String.fromString("ab"),
              UTF8String.fromString("abc  "),
              1_795_514_400_500_000L,
              -1L
            },
            new Object[] {
              0,
              (byte) 0,
              (short) 0,
              Long.MAX_VALUE,
              Decimal.apply(new BigDecimal("-0.005"), 7, 3),
              UTF8String.fromString("abcd"),
              UTF8String.fromString(""),
              0L,
              0L
            }));

    assertEquals(
        List.of(
            List.of(
                "-2147483648",
                "-128",
                "32767",
                "-9223372036854775808",
                "1234.57",
                "ab", // char(4) pads, and its text drops the padding
                "abc", // spaces beyond varchar(3) are cut, as for text input
                "2026-11-24 10:00:00.5",
                "1969-12-31 23:59:59.999999"),
            List.of(
                "0",
                "0",
                "0",
                "9223372036854775807",
                "-0.01",
                "abcd",
                "",
                "1970-01-01 00:00:00",
                "1970-01-01 00:00:00")),
        db.query(
            "SELECT a::text, b::text, c::text, d::text, e::text, f::text, g::text, h::text,"
                + " (i AT TIME ZONE 'UTC')::text FROM widened ORDER BY a"));
  }

  @Test
  void aValueTooLongForItsColumnFailsTheCopyAsTextWould(PostgresDatabase db) {
    db.execute("CREATE TABLE narrow (v varchar(3))");
    StructType schema = new StructType().add("v", DataTypes.StringType);
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                copy(
                    db,
                    "narrow",
                    schema,
                    List.of("varchar"),
                    List.<Object[]>of(
                        new Object[] {UTF8String.fromString("ok")},
                        new Object[] {UTF8String.fromString("toolong")})));
    assertTrue(
        e.getMessage().contains("value too long for type character varying(3)"), e::getMessage);
    assertTrue(e.getMessage().contains("line 2"), e::getMessage);
  }

  @Test
  void pairsWithoutABinaryEncodingAreNamed() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("doc", DataTypes.StringType)
            .add("n", DataTypes.LongType)
            .add("x", DataTypes.DoubleType);
    assertEquals(
        Optional.of(
            "no binary COPY encoding for columns doc (string -> jsonb), n (bigint -> int4),"
                + " x (double -> numeric)"),
        PgBinaryEncoder.unsupported(schema, List.of("int8", "jsonb", "int4", "numeric")));
    assertEquals(
        Optional.empty(),
        PgBinaryEncoder.unsupported(schema, List.of("int8", "text", "numeric", "float8")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PgBinaryEncoder(schema, List.of("int8", "jsonb", "int8", "float8")));
    assertEquals("no binary COPY encoding for column doc (string -> jsonb)", e.getMessage());
  }

  @Test
  void aFileIsHeaderRowsTrailer() throws IOException {
    PgBinaryEncoder encoder =
        new PgBinaryEncoder(new StructType().add("v", DataTypes.LongType), List.of("int8"));
    encoder.begin();
    encoder.encode(new GenericInternalRow(new Object[] {1L}));
    encoder.encode(new GenericInternalRow(new Object[] {null}));
    encoder.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encoder.flushTo(out);
    assertEquals(
        "5047434f50590aff0d0a00" // PGCOPY\n\377\r\n\0
            + "00000000" // flags
            + "00000000" // header extension length
            + "0001"
            + "00000008"
            + "0000000000000001" // one field: 8 bytes, 1
            + "0001"
            + "ffffffff" // one field: NULL
            + "ffff", // trailer
        java.util.HexFormat.of().formatHex(out.toByteArray()));
    assertEquals(0, encoder.buffered());
  }
}
