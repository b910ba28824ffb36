package io.ferry.ingest.jdbc.direct;

import static io.ferry.ingest.jdbc.direct.BinaryCopyStream.int16;
import static io.ferry.ingest.jdbc.direct.BinaryCopyStream.int32;
import static io.ferry.ingest.jdbc.direct.BinaryCopyStream.int64;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The decoder for a pair of PostgreSQL type (as the driver names it) and Spark type, when binary
 * COPY yields exactly the value Spark's JDBC source reads for that pair; none for any other pair,
 * so the read falls back to JDBC rather than guess. Integers may widen (an {@code int2} column read
 * as {@code int} or {@code bigint}); dates and timestamps move from PostgreSQL's epoch (2000-01-01)
 * to Spark's (1970-01-01), both proleptic Gregorian.
 */
final class ColumnDecoders {
  /** Days from 1970-01-01 to 2000-01-01. */
  static final int EPOCH_DAYS = 10_957;

  /** Microseconds from 1970-01-01 to 2000-01-01. */
  static final long EPOCH_MICROS = EPOCH_DAYS * 86_400_000_000L;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private ColumnDecoders() {}

  /**
   * @param column the column's name, for errors
   * @param sourceType the driver's type name, lower case ({@code int4}, {@code timestamptz})
   */
  static Optional<ColumnDecoder> of(String column, String sourceType, DataType spark) {
    ColumnDecoder decoder =
        switch (sourceType) {
          case "bool" -> spark instanceof BooleanType ? ColumnDecoders::bool : null;
          case "int2" -> integer(spark, 2);
          case "int4", "serial" -> integer(spark, 4);
          case "int8", "bigserial" -> integer(spark, 8);
          case "float4" ->
              spark instanceof FloatType
                  ? ColumnDecoders::float4
                  : spark instanceof DoubleType ? ColumnDecoders::float4AsDouble : null;
          case "float8" -> spark instanceof DoubleType ? ColumnDecoders::float8 : null;
          case "numeric" -> spark instanceof DecimalType d ? new NumericDecoder(column, d) : null;
          case "text", "varchar", "bpchar", "name", "json" ->
              spark instanceof StringType ? ColumnDecoders::text : null;
          case "jsonb" -> spark instanceof StringType ? jsonb(column) : null;
          case "uuid" -> spark instanceof StringType ? ColumnDecoders::uuid : null;
          case "bytea" -> spark instanceof BinaryType ? ColumnDecoders::bytes : null;
          case "date" -> spark instanceof DateType ? date(column) : null;
          case "timestamp" -> spark instanceof TimestampNTZType ? timestamp(column) : null;
          case "timestamptz" -> spark instanceof TimestampType ? timestamp(column) : null;
          default -> null;
        };
    return Optional.ofNullable(decoder);
  }

  private static ColumnDecoder integer(DataType spark, int width) {
    ColumnDecoder read =
        switch (width) {
          case 2 -> (b, at, n, row, i) -> row.setLong(i, int16(b, at));
          case 4 -> (b, at, n, row, i) -> row.setLong(i, int32(b, at));
          default -> (b, at, n, row, i) -> row.setLong(i, int64(b, at));
        };
    if (spark instanceof LongType) {
      return read;
    }
    if (spark instanceof IntegerType && width <= 4) {
      return width == 2
          ? (b, at, n, row, i) -> row.setInt(i, int16(b, at))
          : (b, at, n, row, i) -> row.setInt(i, int32(b, at));
    }
    if (spark instanceof ShortType && width == 2) {
      return (b, at, n, row, i) -> row.setShort(i, (short) int16(b, at));
    }
    return null;
  }

  private static void bool(byte[] b, int at, int n, InternalRow row, int i) {
    row.setBoolean(i, b[at] != 0);
  }

  private static void float4(byte[] b, int at, int n, InternalRow row, int i) {
    row.setFloat(i, Float.intBitsToFloat(int32(b, at)));
  }

  private static void float4AsDouble(byte[] b, int at, int n, InternalRow row, int i) {
    row.setDouble(i, Float.intBitsToFloat(int32(b, at)));
  }

  private static void float8(byte[] b, int at, int n, InternalRow row, int i) {
    row.setDouble(i, Double.longBitsToDouble(int64(b, at)));
  }

  private static void text(byte[] b, int at, int n, InternalRow row, int i) {
    row.update(i, UTF8String.fromBytes(b, at, n));
  }

  private static ColumnDecoder jsonb(String column) {
    return (b, at, n, row, i) -> {
      if (n == 0 || b[at] != 1) {
        throw new ColumnValueException(
            "column '" + column + "': unknown jsonb binary version " + (n == 0 ? "-" : b[at]));
      }
      row.update(i, UTF8String.fromBytes(b, at + 1, n - 1));
    };
  }

  private static void uuid(byte[] b, int at, int n, InternalRow row, int i) {
    byte[] out = new byte[36];
    int o = 0;
    for (int k = 0; k < 16; k++) {
      if (k == 4 || k == 6 || k == 8 || k == 10) {
        out[o++] = '-';
      }
      out[o++] = HEX[(b[at + k] >> 4) & 0xf];
      out[o++] = HEX[b[at + k] & 0xf];
    }
    row.update(i, UTF8String.fromBytes(out));
  }

  private static void bytes(byte[] b, int at, int n, InternalRow row, int i) {
    row.update(i, Arrays.copyOfRange(b, at, at + n));
  }

  private static ColumnDecoder date(String column) {
    return (b, at, n, row, i) -> {
      int days = int32(b, at);
      if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
        throw infinite(column, days > 0, "date");
      }
      row.setInt(i, days + EPOCH_DAYS);
    };
  }

  private static ColumnDecoder timestamp(String column) {
    return (b, at, n, row, i) -> {
      long micros = int64(b, at);
      if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
        throw infinite(column, micros > 0, "timestamp");
      }
      if (micros > Long.MAX_VALUE - EPOCH_MICROS) {
        throw new ColumnValueException(
            "column '" + column + "' holds a timestamp after Spark's last one (294247-01-10)");
      }
      row.setLong(i, micros + EPOCH_MICROS);
    };
  }

  private static ColumnValueException infinite(String column, boolean positive, String type) {
    return new ColumnValueException(
        "column '"
            + column
            + "' holds "
            + (positive ? "" : "-")
            + "infinity, which a Spark "
            + type
            + " cannot hold; filter it out with where, or cast it in a query");
  }
}
