package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Redshift column types for Spark types. Redshift sizes {@code varchar(n)} and {@code varbyte(n)}
 * in bytes, not characters: a column is sized by {@code max-length} when set, else by the longest
 * value in the data (in UTF-8 bytes), rounded up to a power of two of at least 16 so later loads
 * have room, and at most 65535. Decimals keep precision and scale (at most 38).
 */
public final class RedshiftColumnTypes implements ColumnTypes {
  public static final int MAX_VARCHAR_BYTES = 65535;
  public static final int MAX_VARBYTE_BYTES = 1_024_000;
  private static final int MIN_SIZE = 16;
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
    String name = null;
    if (type instanceof StringType) {
      name = "varchar(" + MAX_VARCHAR_BYTES + ")";
    } else if (type instanceof LongType) {
      name = "bigint";
    } else if (type instanceof IntegerType) {
      name = "integer";
    } else if (type instanceof ShortType || type instanceof ByteType) {
      name = "smallint";
    } else if (type instanceof DoubleType) {
      name = "double precision";
    } else if (type instanceof FloatType) {
      name = "real";
    } else if (type instanceof BooleanType) {
      name = "boolean";
    } else if (type instanceof DateType) {
      name = "date";
    } else if (type instanceof TimestampType) {
      name = "timestamptz";
    } else if (type instanceof TimestampNTZType) {
      name = "timestamp";
    }
    return Optional.ofNullable(name);
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
    long size = MIN_SIZE;
    while (size < longest) {
      size *= 2;
    }
    return Math.min(size, limit);
  }
}
