package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Redshift column types for Spark types. Redshift sizes {@code varchar(n)} and {@code varbyte(n)}
 * in bytes, not characters, and cannot widen a column inside a transaction, so a created column
 * gets headroom for later loads: {@code max-length} when set, else {@value #HEADROOM} times the
 * longest value in the data (in UTF-8 bytes) and at least {@value #MIN_SIZE}, capped at Redshift's
 * limit (65535 for varchar). Decimals keep precision and scale (at most 38); struct, array and map
 * columns become {@code super} (https://docs.aws.amazon.com/redshift/latest/dg/r_SUPER_type.html).
 */
public final class RedshiftColumnTypes implements ColumnTypes {
  public static final int MAX_VARCHAR_BYTES = 65535;
  public static final int MAX_VARBYTE_BYTES = 1_024_000;
  static final int MIN_SIZE = 256;
  static final int HEADROOM = 4;
  private static final int MAX_DECIMAL_PRECISION = 38;

  private final Map<String, Long> maxBytes;
  private final OptionalInt maxLength;

  /**
   * @param maxBytes the longest value of each string and binary column, in bytes, by column name
   * @param maxLength the size of every string column, overriding the measured sizes
   */
  public RedshiftColumnTypes(Map<String, Long> maxBytes, OptionalInt maxLength) {
    this.maxBytes = Map.copyOf(maxBytes);
    this.maxLength = requireNonNull(maxLength, "maxLength");
  }

  @Override
  public Optional<String> sqlType(StructField field) {
    DataType type = field.dataType();
    if (type instanceof StringType) {
      return Optional.of("varchar(" + size(field.name(), MAX_VARCHAR_BYTES) + ")");
    }
    if (type instanceof BinaryType) {
      return Optional.of("varbyte(" + size(field.name(), MAX_VARBYTE_BYTES) + ")");
    }
    return sqlType(type);
  }

  @Override
  public Optional<String> sqlType(DataType type) {
    if (type instanceof DecimalType d) {
      return d.precision() > MAX_DECIMAL_PRECISION
          ? Optional.empty()
          : Optional.of("decimal(" + d.precision() + "," + d.scale() + ")");
    }
    if (type instanceof StringType) {
      return Optional.of("varchar(" + MAX_VARCHAR_BYTES + ")");
    }
    if (ColumnTypes.isNested(type)) {
      return Optional.of("super");
    }
    return ColumnTypes.common(type);
  }

  private long size(String column, long limit) {
    if (maxLength.isPresent()) {
      return Math.min(maxLength.getAsInt(), limit);
    }
    long longest = maxBytes.getOrDefault(column, 0L);
    if (longest > limit) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "' holds a value of "
              + longest
              + " bytes, more than Redshift's limit of "
              + limit);
    }
    return sized(longest, limit);
  }

  /**
   * The size the headroom policy gives a column whose longest value has {@code longest} bytes: at
   * least {@value #MIN_SIZE} and {@value #HEADROOM} times the longest, at most {@code limit}.
   */
  public static long sized(long longest, long limit) {
    return Math.min(limit, Math.max(MIN_SIZE, HEADROOM * longest));
  }
}
