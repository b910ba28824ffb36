package io.ferry.sink.redshift.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sink.redshift.amazon.CopyCommand;
import io.ferry.sink.redshift.warehouse.PostgresWarehouse;
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
  private static final CsvForm POSTGRES = PostgresWarehouse.CSV_FORM;
  private static final CsvForm REDSHIFT = CopyCommand.CSV_FORM;

  private static String encode(DataType type, CsvForm reader, Object... values) {
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
            POSTGRES,
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

  /**
   * Redshift's NULL sentinel holds no backslash, which a Redshift literal ({@code NULL AS '...'})
   * would read as an escape; backslashes in values pass as they are (CSV COPY has no escape
   * character): https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html
   */
  @Test
  void redshiftWritesNullAsABackslashFreeSentinelAndBackslashesAsThemselves() {
    assertEquals(
        "@NULL@\n\"\"\n\\.\n\\N\nN\na\\\\b\n",
        encode(
            DataTypes.StringType, REDSHIFT, null, s(""), s("\\."), s("\\N"), s("N"), s("a\\\\b")));
  }

  @Test
  void aStringEqualToRedshiftsNullSentinelIsRefusedNotLoadedAsNull() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> encode(DataTypes.StringType, REDSHIFT, s("@NULL@")));
    assertEquals(
        "column 'c' holds the text '@NULL@', which CSV staging writes for NULL; stage parquet"
            + " instead",
        e.getMessage());
  }

  /**
   * Redshift's CSV COPY reads VARBYTE as bare hex digits
   * (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage-varbyte.html); PostgreSQL's bytea
   * takes the {@code \x} prefix.
   */
  @Test
  void redshiftWritesBinaryAsBareHex() {
    assertEquals(
        "00ff5c\n\n@NULL@\n",
        encode(
            DataTypes.BinaryType, REDSHIFT, new byte[] {0, (byte) 0xff, 0x5c}, new byte[0], null));
  }

  @Test
  void numbersAreWrittenSoTheyReadBackIdentically() {
    assertEquals(
        "-9223372036854775808\n9223372036854775807\n0\n-7\n",
        encode(DataTypes.LongType, POSTGRES, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -7L));
    assertEquals(
        "NaN\nInfinity\n-Infinity\n-0.0\n4.9E-324\n0.1\n",
        encode(
            DataTypes.DoubleType,
            POSTGRES,
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
            POSTGRES,
            Decimal.apply(new BigDecimal("-0.01")),
            Decimal.apply(new BigDecimal("0.00")),
            Decimal.apply(new BigDecimal("123456789012.34")),
            Decimal.apply(new BigDecimal("-9999999999999999.99"))));
    assertEquals(
        "12345678901234567890123456.000000000001\n0.000000000000\n",
        encode(
            DataTypes.createDecimalType(38, 12),
            POSTGRES,
            Decimal.apply(new BigDecimal("12345678901234567890123456.000000000001")),
            Decimal.apply(new BigDecimal("0E-12"))));
  }

  @Test
  void datesAndTimestampsAreUtcWithMicrosecondsAndPostgresBcYears() {
    assertEquals(
        "1970-01-01\n1969-12-31\n0001-01-01\n0001-12-31 BC\n9999-12-31\n",
        encode(DataTypes.DateType, POSTGRES, 0, -1, -719_162, -719_163, 2_932_896));
    assertEquals(
        "1970-01-01 00:00:00.000000+00:00\n1969-12-31 23:59:59.999999+00:00\n"
            + "2026-11-24 10:00:00.500000+00:00\n",
        encode(DataTypes.TimestampType, REDSHIFT, 0L, -1L, 1_795_514_400_500_000L));
    assertEquals(
        "2026-11-24 10:00:00.500000\n",
        encode(DataTypes.TimestampNTZType, POSTGRES, 1_795_514_400_500_000L));
  }

  @Test
  void everyDoubleAndFloatReadsBackToTheSameBits() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    int n = 200_000;
    Object[] doubles = new Object[n];
    Object[] floats = new Object[n];
    for (int k = 0; k < n; k++) {
      // Random bit patterns cover every exponent (NaNs compare as the one NaN PostgreSQL has);
      // every fourth value is a "decimal-looking" one.
      doubles[k] =
          k % 4 == 0
              ? random.nextLong(-1_000_000_000L, 1_000_000_000L) / 1000.0
              : Double.longBitsToDouble(random.nextLong());
      floats[k] = Float.intBitsToFloat(random.nextInt());
    }
    String[] doubleLines = encode(DataTypes.DoubleType, POSTGRES, doubles).split("\n");
    String[] floatLines = encode(DataTypes.FloatType, POSTGRES, floats).split("\n");
    assertEquals(n, doubleLines.length);
    assertEquals(n, floatLines.length);
    for (int k = 0; k < n; k++) {
      double d = (Double) doubles[k];
      assertEquals(
          Double.doubleToLongBits(d),
          Double.doubleToLongBits(Double.parseDouble(doubleLines[k])),
          () -> "read back from " + d);
      assertTrue(
          doubleLines[k].length() <= Double.toString(d).length(), () -> "longer than Java's " + d);
      float f = (Float) floats[k];
      assertEquals(
          Float.floatToIntBits(f),
          Float.floatToIntBits(Float.parseFloat(floatLines[k])),
          () -> "read back from " + f);
    }
  }

  @Test
  void doublesUseJavasNotationWithTheFewestDigits() {
    // JDK 17's Double.toString(1e23) is 9.999999999999999E22, which reads back the same.
    assertEquals(
        "1.0\n0.001\n1.0E-4\n1234567.0\n1.0E7\n0.14285714285714285\n1.7976931348623157E308\n"
            + "1.0E23\n",
        encode(
            DataTypes.DoubleType,
            POSTGRES,
            1.0,
            0.001,
            1e-4,
            1234567.0,
            1e7,
            1.0 / 7,
            Double.MAX_VALUE,
            1e23));
    assertEquals(
        "NaN\n-Infinity\n-0.0\n1.4E-45\n0.1\n3.4028235E38\n",
        encode(
            DataTypes.FloatType,
            POSTGRES,
            Float.NaN,
            Float.NEGATIVE_INFINITY,
            -0.0f,
            Float.MIN_VALUE,
            0.1f,
            Float.MAX_VALUE));
  }

  @Test
  void repeatedAndCollidingDatesAreWrittenLikeFreshOnes() {
    // 4096 days apart: the same slot of the encoder's date cache; then BC and year-10000 dates,
    // which bypass it, between cached ones.
    Object[] days = {0, 4096, 0, 4096, -719_163, 0, 2_932_897, 2_932_896, 4096, -4096, -4096};
    assertEquals(
        "1970-01-01\n1981-03-20\n1970-01-01\n1981-03-20\n0001-12-31 BC\n1970-01-01\n"
            + "10000-01-01\n9999-12-31\n1981-03-20\n1958-10-15\n1958-10-15\n",
        encode(DataTypes.DateType, POSTGRES, days));
    assertEquals(
        "1981-03-20 00:00:00.000001+00:00\n1981-03-20 23:59:59.999999+00:00\n"
            + "1970-01-01 00:00:00.000000+00:00\n0001-12-31 23:00:00.000000+00:00 BC\n"
            + "1981-03-20 12:00:00.000000+00:00\n",
        encode(
            DataTypes.TimestampType,
            POSTGRES,
            4096L * 86_400_000_000L + 1,
            4097L * 86_400_000_000L - 1,
            0L,
            -719_162L * 86_400_000_000L - 3_600_000_000L,
            4096L * 86_400_000_000L + 43_200_000_000L));
  }

  @Test
  void binaryIsHexAndItsLengthIsMeasured() {
    CsvEncoder encoder =
        new CsvEncoder(
            new StructType()
                .add("b", DataTypes.BinaryType)
                .add("n", DataTypes.IntegerType)
                .add("s", DataTypes.StringType),
            POSTGRES);
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
                    POSTGRES));
    assertEquals("cannot stage column tags of type array<int> as CSV", e.getMessage());
  }
}
