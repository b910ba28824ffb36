package io.ferry.ingest.jdbc.direct;

import static io.ferry.ingest.jdbc.direct.BinaryCopyStream.int16;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;

/**
 * PostgreSQL's binary {@code numeric}: int16 digit count, int16 weight (the power of 10000 of the
 * first digit), int16 sign ({@code 0x0000} positive, {@code 0x4000} negative, {@code 0xC000} NaN,
 * {@code 0xD000} and {@code 0xF000} plus and minus infinity), int16 display scale, then the base
 * 10000 digits, trailing zero digits left out. Read as a Spark decimal at the column's precision
 * and scale, rounding half up as Spark's JDBC source does; a value that does not fit, NaN or an
 * infinity fails naming the column. Values of up to 16 significant digits take a path without
 * {@link BigDecimal}.
 */
final class NumericDecoder implements ColumnDecoder {
  private static final long serialVersionUID = 1L;
  private static final int NEGATIVE = 0x4000;
  private static final int NAN = 0xC000;
  private static final int PLUS_INFINITY = 0xD000;
  private static final int MINUS_INFINITY = 0xF000;
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final String column;
  private final int precision;
  private final int scale;

  NumericDecoder(String column, DecimalType type) {
    this.column = column;
    this.precision = type.precision();
    this.scale = type.scale();
  }

  @Override
  public void decode(byte[] b, int at, int length, InternalRow row, int ordinal) {
    row.update(ordinal, decimal(b, at));
  }

  Decimal decimal(byte[] b, int at) {
    int digits = int16(b, at) & 0xffff;
    int weight = int16(b, at + 2);
    int sign = int16(b, at + 4) & 0xffff;
    if (sign == NAN || sign == PLUS_INFINITY || sign == MINUS_INFINITY) {
      throw new ColumnValueException(
          "column '"
              + column
              + "' holds "
              + (sign == NAN ? "NaN" : sign == PLUS_INFINITY ? "Infinity" : "-Infinity")
              + ", which a Spark decimal cannot hold; filter it out with where, or read the"
              + " column as double with column-types."
              + column);
    }
    boolean negative = sign == NEGATIVE;
    if (digits <= 4) {
      Decimal compact = compact(b, at + 8, digits, weight, negative);
      if (compact != null) {
        return compact;
      }
    }
    return wide(b, at + 8, digits, weight, negative);
  }

  /** The value as a long at the target scale, or null when it needs the wide path. */
  private Decimal compact(byte[] b, int at, int digits, int weight, boolean negative) {
    long magnitude = 0;
    for (int i = 0; i < digits; i++) {
      magnitude = magnitude * 10_000 + int16(b, at + 2 * i);
    }
    // magnitude * 10^exponent is the value; the target wants it times 10^scale.
    int shift = 4 * (weight - digits + 1) + scale;
    long unscaled;
    if (digits == 0) {
      unscaled = 0;
    } else if (shift >= 0) {
      if (shift >= POW10.length) {
        return null;
      }
      long p = POW10[shift];
      if (magnitude > Long.MAX_VALUE / p) {
        return null;
      }
      unscaled = magnitude * p;
    } else if (-shift >= POW10.length) {
      unscaled = 0; // below half of the last kept place: magnitude < 10^16
    } else {
      long p = POW10[-shift];
      unscaled = magnitude / p;
      if ((magnitude % p) * 2 >= p) {
        unscaled++;
      }
    }
    Decimal value = new Decimal().setOrNull(negative ? -unscaled : unscaled, precision, scale);
    if (value == null) {
      throw tooWide(BigDecimal.valueOf(negative ? -unscaled : unscaled, scale));
    }
    return value;
  }

  private Decimal wide(byte[] b, int at, int digits, int weight, boolean negative) {
    BigInteger magnitude = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(10_000);
    for (int i = 0; i < digits; i++) {
      magnitude = magnitude.multiply(base).add(BigInteger.valueOf(int16(b, at + 2 * i)));
    }
    BigDecimal value =
        new BigDecimal(negative ? magnitude.negate() : magnitude, -4 * (weight - digits + 1));
    BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
    if (rounded.precision() > precision) {
      throw tooWide(value.stripTrailingZeros());
    }
    return Decimal.apply(rounded, precision, scale);
  }

  private ColumnValueException tooWide(BigDecimal value) {
    return new ColumnValueException(
        "column '"
            + column
            + "' holds "
            + value.toPlainString()
            + ", which does not fit decimal("
            + precision
            + ","
            + scale
            + "); set column-types."
            + column
            + " to a wider decimal");
  }
}
