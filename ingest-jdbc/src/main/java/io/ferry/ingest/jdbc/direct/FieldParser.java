package io.ferry.ingest.jdbc.direct;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HexFormat;
import java.util.Optional;
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

/**
 * Turns one COPY text field into the Java value Spark expects for a column's type, producing the
 * same value Spark's JDBC source would read: decimals at the column's scale (half up, as Spark's
 * JDBC reader rounds), {@code timestamptz} as an {@link Instant}, {@code timestamp} as a {@link
 * LocalDateTime}, {@code bytea} from its hex form. Relies on the session settings of the PostgreSQL
 * dialect (UTC, ISO dates, {@code extra_float_digits = 3}, hex bytea).
 */
interface FieldParser extends Serializable {

  Object parse(String text);

  /**
   * The parser for a Spark type, empty when direct mode cannot read it.
   *
   * @param java8Time whether the session's rows hold {@code java.time} values ({@code
   *     spark.sql.datetime.java8API.enabled}) rather than {@code java.sql} ones
   */
  static Optional<FieldParser> forType(String column, DataType type, boolean java8Time) {
    if (type instanceof BooleanType) {
      return Optional.of(t -> t.equals("t"));
    }
    if (type instanceof ShortType) {
      return Optional.of(Short::parseShort);
    }
    if (type instanceof IntegerType) {
      return Optional.of(Integer::parseInt);
    }
    if (type instanceof LongType) {
      return Optional.of(Long::parseLong);
    }
    if (type instanceof FloatType) {
      return Optional.of(Float::parseFloat);
    }
    if (type instanceof DoubleType) {
      return Optional.of(Double::parseDouble);
    }
    if (type instanceof DecimalType d) {
      return Optional.of(t -> decimal(column, t, d));
    }
    if (type instanceof StringType) {
      return Optional.of(t -> t);
    }
    if (type instanceof DateType) {
      return Optional.of(java8Time ? LocalDate::parse : t -> Date.valueOf(LocalDate.parse(t)));
    }
    if (type instanceof TimestampType) {
      return Optional.of(java8Time ? FieldParser::instant : t -> Timestamp.from(instant(t)));
    }
    if (type instanceof TimestampNTZType) {
      return Optional.of(t -> LocalDateTime.parse(t, Formats.LOCAL));
    }
    if (type instanceof BinaryType) {
      return Optional.of(t -> HexFormat.of().parseHex(t, 2, t.length()));
    }
    return Optional.empty();
  }

  private static BigDecimal decimal(String column, String text, DecimalType type) {
    BigDecimal value = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
    if (value.precision() > type.precision()) {
      throw new ArithmeticException(
          "column '"
              + column
              + "' holds "
              + text
              + ", which does not fit "
              + type.simpleString()
              + "; set column-types."
              + column
              + " to a wider decimal");
    }
    return value;
  }

  private static Instant instant(String text) {
    return OffsetDateTime.parse(text, Formats.OFFSET).toInstant();
  }

  /** Timestamp formats of PostgreSQL's ISO DateStyle. */
  final class Formats {
    static final DateTimeFormatter LOCAL =
        new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    static final DateTimeFormatter OFFSET =
        new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HH:mm:ss", "+00")
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private Formats() {}
  }
}
