package io.ferry.ingest.jdbc.split;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The kinds of column a read can be split on, each with its own arithmetic and SQL literals.
 * Integers, dates and timestamps are cut on whole units (days, microseconds); decimals on their own
 * scale; text has no arithmetic and is only cut at quantiles the database computes.
 */
public enum SplitColumnType {
  INTEGER,
  DECIMAL,
  DATE,
  TIMESTAMP,
  TEXT;

  private static final DateTimeFormatter TIMESTAMP_LITERAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  /** The kind for a JDBC type, empty when such a column cannot be split. */
  public static Optional<SplitColumnType> of(int jdbcType) {
    return Optional.ofNullable(
        switch (jdbcType) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
          case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> DECIMAL;
          case Types.DATE -> DATE;
          case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP;
          case Types.CHAR,
              Types.VARCHAR,
              Types.LONGVARCHAR,
              Types.NCHAR,
              Types.NVARCHAR,
              Types.LONGNVARCHAR ->
              TEXT;
          default -> null;
        });
  }

  /**
   * Reads a value of this kind from a result set: {@link Long}, {@link BigDecimal}, {@link
   * LocalDate}, {@link LocalDateTime} (UTC wall time) or {@link String}; null for SQL NULL.
   */
  public Object read(ResultSet rs, int column) throws SQLException {
    return switch (this) {
      case INTEGER -> {
        long v = rs.getLong(column);
        yield rs.wasNull() ? null : v;
      }
      case DECIMAL -> rs.getBigDecimal(column);
      case DATE -> {
        java.sql.Date d = rs.getDate(column, utc());
        yield d == null ? null : d.toLocalDate();
      }
      case TIMESTAMP -> {
        Timestamp t = rs.getTimestamp(column, utc());
        yield t == null ? null : LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
      }
      case TEXT -> rs.getString(column);
    };
  }

  /**
   * Parses a value written as text (a watermark, a {@code --set-watermark}), so that only a value
   * of the right kind ever becomes a literal.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public Object parse(String text) {
    String t = text.strip();
    try {
      return switch (this) {
        case INTEGER -> Long.parseLong(t);
        case DECIMAL -> new BigDecimal(t);
        case DATE -> LocalDate.parse(t);
        case TIMESTAMP -> LocalDateTime.parse(t.replace(' ', 'T'));
        case TEXT -> text;
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not " + article() + " value (expected " + example() + ")");
    }
  }

  /** The value as text, the inverse of {@link #parse}. */
  public String format(Object value) {
    return switch (this) {
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case TIMESTAMP -> ((LocalDateTime) value).toString();
      default -> value.toString();
    };
  }

  /** The value as a SQL literal: numbers bare, {@code DATE '...'}, {@code TIMESTAMP '...'}. */
  public String literal(Object value) {
    return switch (this) {
      case INTEGER -> Long.toString((Long) value);
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case DATE -> "DATE '" + value + "'";
      case TIMESTAMP -> "TIMESTAMP '" + TIMESTAMP_LITERAL.format((LocalDateTime) value) + "'";
      case TEXT -> "'" + ((String) value).replace("'", "''") + "'";
    };
  }

  /** Whether values have arithmetic, so that ranges can be cut evenly. */
  public boolean hasArithmetic() {
    return this != TEXT;
  }

  /** The value as a point on a number line: the integer, the decimal, epoch days or micros. */
  BigDecimal ordinal(Object value) {
    return switch (this) {
      case INTEGER -> BigDecimal.valueOf((Long) value);
      case DECIMAL -> (BigDecimal) value;
      case DATE -> BigDecimal.valueOf(((LocalDate) value).toEpochDay());
      case TIMESTAMP -> BigDecimal.valueOf(ChronoUnit.MICROS.between(EPOCH, (LocalDateTime) value));
      case TEXT -> throw new IllegalStateException("text has no ordinal");
    };
  }

  /** The inverse of {@link #ordinal}, rounding up to a whole unit where the kind has one. */
  Object fromOrdinal(BigDecimal ordinal, int scale) {
    return switch (this) {
      case INTEGER -> ordinal.setScale(0, RoundingMode.CEILING).longValueExact();
      case DECIMAL -> ordinal.setScale(scale, RoundingMode.CEILING);
      case DATE -> LocalDate.ofEpochDay(ordinal.setScale(0, RoundingMode.CEILING).longValueExact());
      case TIMESTAMP ->
          EPOCH.plus(ordinal.setScale(0, RoundingMode.CEILING).longValueExact(), ChronoUnit.MICROS);
      case TEXT -> throw new IllegalStateException("text has no ordinal");
    };
  }

  private String article() {
    return this == INTEGER ? "an integer" : "a " + name().toLowerCase(java.util.Locale.ROOT);
  }

  private String example() {
    return switch (this) {
      case INTEGER -> "e.g. 1042";
      case DECIMAL -> "e.g. 10.25";
      case DATE -> "e.g. 2026-11-23";
      case TIMESTAMP -> "UTC, e.g. 2026-11-23T08:15:00.000001";
      case TEXT -> "text";
    };
  }

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }
}
