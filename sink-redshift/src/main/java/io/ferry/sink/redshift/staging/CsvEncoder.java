package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Encodes Spark's internal rows as CSV lines that PostgreSQL's and Redshift's {@code COPY ... CSV}
 * read back to exactly the input values, as bytes, measuring the longest string and binary value of
 * each column (Redshift sizes varchar in bytes) in the same pass:
 *
 * <ul>
 *   <li>no header, {@code ,} between fields, {@code \n} after each row;
 *   <li>a field is quoted only when it must be: when it contains {@code ,}, {@code "}, CR or LF,
 *       starts or ends with a space, is empty ('' is written {@code ""}), or, for PostgreSQL, is
 *       exactly {@code \.} (COPY's end-of-data marker); quotes inside are doubled;
 *   <li>NULL is the form's {@link CsvForm#nullText()}: an unquoted empty field for PostgreSQL, a
 *       sentinel without backslashes for Redshift ({@code NULL AS}), whose CSV mode would otherwise
 *       read an empty field into a varchar as ''; a string equal to a sentinel is refused rather
 *       than loaded as NULL;
 *   <li>timestamps as UTC instants {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00:00}, {@code timestamp_ntz}
 *       without the offset, dates {@code yyyy-MM-dd}; years before 1 in PostgreSQL's form ({@code
 *       0044-03-15 BC});
 *   <li>decimals in plain notation (never an exponent) with their scale; doubles and floats in
 *       {@link Double#toString(double)}'s notation with the fewest digits that read back to the
 *       same value (Schubfach, as JDK 19+ prints them; JDK 17's own {@code toString} is several
 *       times slower and sometimes prints a digit more), {@code NaN}, {@code Infinity}, {@code
 *       -Infinity}; booleans {@code true}/{@code false};
 *   <li>binary as hex digits after the form's prefix: PostgreSQL's {@code \x0102}, Redshift's bare
 *       {@code 0102} for VARBYTE, since CSV has no binary type.
 * </ul>
 *
 * <p>Not thread-safe: one encoder per task.
 */
public final class CsvEncoder extends BufferedEncoder {
  private static final byte QUOTE = '"';
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int MAX_COMPACT_DIGITS = 18;

  /** Days from 1970-01-01 to 0001-01-01 and to 9999-12-31: the dates the cache holds. */
  private static final long FIRST_CACHED_DAY = -719_162;

  private static final long LAST_CACHED_DAY = 2_932_896;
  private static final int DATE_LENGTH = 10;
  private static final int DATE_SLOTS = 1 << 12;

  private final Field[] fields;
  private final String[] names;
  private final CsvForm form;
  private final byte[] nullField;
  private final byte[] binaryPrefix;
  private final byte[] scratch = new byte[64];

  /**
   * The last dates written, {@code yyyy-MM-dd}, by day number modulo {@value #DATE_SLOTS}: rows
   * usually repeat a few dates (a timestamp column's runs of the same day), and a copy costs less
   * than the calendar arithmetic.
   */
  private final int[] cachedDays = new int[DATE_SLOTS];

  private final byte[] cachedDates = new byte[DATE_SLOTS * DATE_LENGTH];

  /**
   * @param form how the warehouse reading the CSV writes NULL and binary values
   * @throws IllegalArgumentException naming the columns whose types CSV staging cannot carry
   */
  public CsvEncoder(StructType schema, CsvForm form) {
    super(schema);
    this.form = requireNonNull(form, "form");
    this.nullField = form.nullText().getBytes(StandardCharsets.UTF_8);
    this.binaryPrefix = form.binaryPrefix().getBytes(StandardCharsets.US_ASCII);
    StructField[] columns = schema.fields();
    this.fields = new Field[columns.length];
    this.names = schema.fieldNames();
    // No day number maps to its slot's Integer.MIN_VALUE: the cache starts empty.
    Arrays.fill(cachedDays, Integer.MIN_VALUE);
    for (int i = 0; i < columns.length; i++) {
      fields[i] = field(columns[i].name(), columns[i].dataType());
    }
  }

  /** CSV files have no header. */
  @Override
  public void begin() {}

  /** Appends one row as a CSV line to the encoder's buffer. */
  @Override
  public void encode(InternalRow row) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        ensure(1);
        buf[len++] = ',';
      }
      if (row.isNullAt(i)) {
        write(nullField);
      } else {
        fields[i].write(row, i);
      }
    }
    ensure(1);
    buf[len++] = '\n';
  }

  /** CSV files have no trailer. */
  @Override
  public void end() {}

  @FunctionalInterface
  private interface Field {
    void write(InternalRow row, int ordinal);
  }

  private Field field(String name, DataType type) {
    if (type instanceof StringType) {
      return (row, i) -> string(row.getUTF8String(i), i);
    }
    if (type instanceof LongType) {
      return (row, i) -> writeLong(row.getLong(i));
    }
    if (type instanceof IntegerType) {
      return (row, i) -> writeLong(row.getInt(i));
    }
    if (type instanceof ShortType) {
      return (row, i) -> writeLong(row.getShort(i));
    }
    if (type instanceof ByteType) {
      return (row, i) -> writeLong(row.getByte(i));
    }
    if (type instanceof DoubleType) {
      return (row, i) -> writeAscii(DoubleToDecimal.toString(row.getDouble(i)));
    }
    if (type instanceof FloatType) {
      return (row, i) -> writeAscii(FloatToDecimal.toString(row.getFloat(i)));
    }
    if (type instanceof BooleanType) {
      return (row, i) -> writeAscii(row.getBoolean(i) ? "true" : "false");
    }
    if (type instanceof DecimalType d) {
      int precision = d.precision();
      int scale = d.scale();
      return (row, i) -> decimal(row.getDecimal(i, precision, scale));
    }
    if (type instanceof DateType) {
      return (row, i) -> era(date(row.getInt(i)));
    }
    if (type instanceof TimestampType) {
      return (row, i) -> {
        boolean bc = timestamp(row.getLong(i));
        writeAscii("+00:00");
        era(bc);
      };
    }
    if (type instanceof TimestampNTZType) {
      return (row, i) -> era(timestamp(row.getLong(i)));
    }
    if (type instanceof BinaryType) {
      return (row, i) -> binary(row.getBinary(i), i);
    }
    throw new IllegalArgumentException(
        "cannot stage column " + name + " of type " + type.simpleString() + " as CSV");
  }

  private void string(UTF8String s, int column) {
    int n = s.numBytes();
    measure(column, n);
    ensure(2 * n + 2);
    int start = len;
    Platform.copyMemory(
        s.getBaseObject(), s.getBaseOffset(), buf, Platform.BYTE_ARRAY_OFFSET + start, n);
    int quotes = 0;
    boolean special = n == 0 || buf[start] == ' ' || buf[start + n - 1] == ' ';
    for (int k = start; k < start + n; k++) {
      byte b = buf[k];
      if (b == QUOTE) {
        quotes++;
      } else if (b == ',' || b == '\n' || b == '\r') {
        special = true;
      }
    }
    if (nullField.length > 0 && n == nullField.length && isNullText(start)) {
      throw new IllegalArgumentException(
          "column '"
              + names[column]
              + "' holds the text '"
              + form.nullText()
              + "', which CSV staging writes for NULL; stage parquet instead");
    }
    if (!special && quotes == 0 && !(form.quoteEndMarker() && isEndMarker(start, n))) {
      len += n;
      return;
    }
    // Shift the value right to make room for the opening quote and the doubled quotes, back to
    // front so nothing is overwritten before it moved.
    int to = start + n + quotes;
    for (int k = start + n - 1; k >= start; k--) {
      byte b = buf[k];
      buf[to--] = b;
      if (b == QUOTE) {
        buf[to--] = QUOTE;
      }
    }
    buf[start] = QUOTE;
    len = start + n + quotes + 2;
    buf[len - 1] = QUOTE;
  }

  private boolean isNullText(int start) {
    for (int k = 0; k < nullField.length; k++) {
      if (buf[start + k] != nullField[k]) {
        return false;
      }
    }
    return true;
  }

  private boolean isEndMarker(int start, int n) {
    return n == 2 && buf[start] == '\\' && buf[start + 1] == '.';
  }

  private void binary(byte[] value, int column) {
    measure(column, value.length);
    ensure(binaryPrefix.length + 2 * value.length);
    System.arraycopy(binaryPrefix, 0, buf, len, binaryPrefix.length);
    len += binaryPrefix.length;
    for (byte b : value) {
      buf[len++] = HEX[(b >> 4) & 0xf];
      buf[len++] = HEX[b & 0xf];
    }
  }

  private void decimal(Decimal d) {
    if (d.precision() <= MAX_COMPACT_DIGITS && d.scale() >= 0) {
      unscaled(d.toUnscaledLong(), d.scale());
    } else {
      writeAscii(d.toJavaBigDecimal().toPlainString());
    }
  }

  /** {@code value / 10^scale} in plain notation, e.g. (-1, 2) as {@code -0.01}. */
  private void unscaled(long value, int scale) {
    if (scale == 0) {
      writeLong(value);
      return;
    }
    ensure(MAX_COMPACT_DIGITS + 3);
    if (value < 0) {
      buf[len++] = '-';
      value = -value;
    }
    int p = scratch.length;
    for (int k = 0; k < scale; k++) {
      scratch[--p] = (byte) ('0' + value % 10);
      value /= 10;
    }
    scratch[--p] = '.';
    do {
      scratch[--p] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    int n = scratch.length - p;
    System.arraycopy(scratch, p, buf, len, n);
    len += n;
  }

  private void writeLong(long value) {
    if (value == Long.MIN_VALUE) {
      writeAscii(Long.toString(value));
      return;
    }
    ensure(20);
    if (value < 0) {
      buf[len++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value / 10; v != 0; v /= 10) {
      digits++;
    }
    int p = len + digits;
    len = p;
    do {
      buf[--p] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
  }

  /**
   * Writes the date {@code days} after 1970-01-01 as {@code yyyy-MM-dd} (proleptic Gregorian, as
   * Spark and PostgreSQL count) and returns whether it is before year 1 (then followed by " BC").
   */
  private boolean date(long days) {
    if (days < FIRST_CACHED_DAY || days > LAST_CACHED_DAY) {
      return calendarDate(days) <= 0;
    }
    int slot = (int) days & (DATE_SLOTS - 1);
    int at = slot * DATE_LENGTH;
    ensure(DATE_LENGTH);
    if (cachedDays[slot] != days) {
      int start = len;
      calendarDate(days);
      System.arraycopy(buf, start, cachedDates, at, DATE_LENGTH);
      cachedDays[slot] = (int) days;
      return false;
    }
    System.arraycopy(cachedDates, at, buf, len, DATE_LENGTH);
    len += DATE_LENGTH;
    return false;
  }

  /** Writes the date as {@link #date} does, computing it, and returns its astronomical year. */
  private long calendarDate(long days) {
    // Howard Hinnant's civil_from_days.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    long shown = year > 0 ? year : 1 - year;
    ensure(24);
    if (shown < 10_000) {
      digits((int) shown, 4);
    } else {
      writeLong(shown);
    }
    buf[len++] = '-';
    digits((int) month, 2);
    buf[len++] = '-';
    digits((int) day, 2);
    return year;
  }

  /** Writes {@code yyyy-MM-dd HH:mm:ss.SSSSSS} and returns whether it is before year 1. */
  private boolean timestamp(long micros) {
    boolean bc = date(Math.floorDiv(micros, MICROS_PER_DAY));
    long time = Math.floorMod(micros, MICROS_PER_DAY);
    long seconds = time / 1_000_000;
    ensure(16);
    buf[len++] = ' ';
    digits((int) (seconds / 3600), 2);
    buf[len++] = ':';
    digits((int) (seconds / 60 % 60), 2);
    buf[len++] = ':';
    digits((int) (seconds % 60), 2);
    buf[len++] = '.';
    digits((int) (time % 1_000_000), 6);
    return bc;
  }

  private void era(boolean bc) {
    if (bc) {
      writeAscii(" BC");
    }
  }

  /** {@code value} zero-padded to {@code width} digits; the caller ensured the room. */
  private void digits(int value, int width) {
    int p = len + width;
    len = p;
    for (int k = 0; k < width; k++) {
      buf[--p] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Appends an ASCII string. {@link String#getBytes(int, int, byte[], int)} is deprecated because
   * it drops each char's high byte, which ASCII does not have; for Latin-1 strings it is one array
   * copy.
   */
  @SuppressWarnings("deprecation")
  private void writeAscii(String s) {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buf, len);
    len += n;
  }

  private void write(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }
}
