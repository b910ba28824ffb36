package io.ferry.sink.redshift.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The exact bytes the encoder writes, for both readers; PostgreSQL reads them back elsewhere. */
class CsvEncoderTest {

  private static String encode(DataType type, Staging.Reader reader, Object... values) {
    CsvEncoder encoder = new CsvEncoder(new StructType().add("c", type), reader);
    for (Object value : values) {
      encoder.encode(new GenericInternalRow(new Object[] {value}));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      encoder.flushTo(out);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static UTF8String s(String value) {
    return UTF8String.fromString(value);
  }

  @Test
  void stringsAreQuotedOnlyWhenTheyMustBe() {
    assertEquals(
        "plain\n\"\"\n\n\" lead\"\n\"trail \"\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"cr\r\"\n"
            + "\"\\.\"\n\\N\nGrüße 𝄞\n",
        encode(
            DataTypes.StringType,
            Staging.Reader.POSTGRES,
            s("plain"),
            s(""),
            null,
            s(" lead"),
            s("trail "),
            s("a,b"),
            s("say \"hi\""),
            s("two\nlines"),
            s("cr\r"),
            s("\\."),
            s("\\N"),
            s("Grüße 𝄞")));
  }

  @Test
  void redshiftWritesNullAsTheSentinelAndTheEndMarkerUnquoted() {
    assertEquals(
        "\\N\n\"\"\n\\.\n",
        encode(DataTypes.StringType, Staging.Reader.REDSHIFT, null, s(""), s("\\.")));
  }

  @Test
  void numbersAreWrittenSoTheyReadBackIdentically() {
    assertEquals(
        "-9223372036854775808\n9223372036854775807\n0\n-7\n",
        encode(
            DataTypes.LongType, Staging.Reader.POSTGRES, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -7L));
    assertEquals(
        "NaN\nInfinity\n-Infinity\n-0.0\n4.9E-324\n0.1\n",
        encode(
            DataTypes.DoubleType,
            Staging.Reader.POSTGRES,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            -0.0d,
            Double.MIN_VALUE,
            0.1d));
    assertEquals(
        "-0.01\n0.00\n123456789012.34\n-9999999999999999.99\n",
        encode(
            DataTypes.createDecimalType(18, 2),
            Staging.Reader.POSTGRES,
            Decimal.apply(new BigDecimal("-0.01")),
            Decimal.apply(new BigDecimal("0.00")),
            Decimal.apply(new BigDecimal("123456789012.34")),
            Decimal.apply(new BigDecimal("-9999999999999999.99"))));
    assertEquals(
        "12345678901234567890123456.000000000001\n0.000000000000\n",
        encode(
            DataTypes.createDecimalType(38, 12),
            Staging.Reader.POSTGRES,
            Decimal.apply(new BigDecimal("12345678901234567890123456.000000000001")),
            Decimal.apply(new BigDecimal("0E-12"))));
  }

  @Test
  void datesAndTimestampsAreUtcWithMicrosecondsAndPostgresBcYears() {
    assertEquals(
        "1970-01-01\n1969-12-31\n0001-01-01\n0001-12-31 BC\n9999-12-31\n",
        encode(DataTypes.DateType, Staging.Reader.POSTGRES, 0, -1, -719_162, -719_163, 2_932_896));
    assertEquals(
        "1970-01-01 00:00:00.000000+00:00\n1969-12-31 23:59:59.999999+00:00\n"
            + "2026-11-24 10:00:00.500000+00:00\n",
        encode(DataTypes.TimestampType, Staging.Reader.REDSHIFT, 0L, -1L, 1_795_514_400_500_000L));
    assertEquals(
        "2026-11-24 10:00:00.500000\n",
        encode(DataTypes.TimestampNTZType, Staging.Reader.POSTGRES, 1_795_514_400_500_000L));
  }

  @Test
  void binaryIsHexAndItsLengthIsMeasured() {
    CsvEncoder encoder =
        new CsvEncoder(
            new StructType()
                .add("b", DataTypes.BinaryType)
                .add("n", DataTypes.IntegerType)
                .add("s", DataTypes.StringType),
            Staging.Reader.POSTGRES);
    encoder.encode(
        new GenericInternalRow(new Object[] {new byte[] {0, (byte) 0xff, 0x5c}, 1, s("ü")}));
    encoder.encode(new GenericInternalRow(new Object[] {new byte[0], null, s("abc")}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      encoder.flushTo(out);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals("\\x00ff5c,1,ü\n\\x,,abc\n", out.toString(StandardCharsets.UTF_8));
    assertArrayEquals(new long[] {3, -1, 3}, encoder.maxBytes());
  }

  @Test
  void nestedTypesAreRefusedNamingTheColumn() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CsvEncoder(
                    new StructType().add("tags", DataTypes.createArrayType(DataTypes.IntegerType)),
                    Staging.Reader.POSTGRES));
    assertEquals("cannot stage column tags of type array<int> as CSV", e.getMessage());
  }
}
