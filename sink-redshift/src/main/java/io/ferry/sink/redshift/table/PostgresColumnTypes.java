package io.ferry.sink.redshift.table;

import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
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
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * PostgreSQL column types for Spark types. Timestamps with a time zone are instants ({@code
 * timestamptz}); Spark's {@code timestamp_ntz} is a wall-clock time ({@code timestamp}). Struct,
 * array and map columns become {@code jsonb}, staged as JSON text.
 */
public final class PostgresColumnTypes implements ColumnTypes {

  @Override
  public Optional<String> sqlType(DataType type) {
    if (type instanceof DecimalType d) {
      return Optional.of("numeric(" + d.precision() + "," + d.scale() + ")");
    }
    String name = null;
    if (type instanceof StringType) {
      name = "text";
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
    } else if (type instanceof BinaryType) {
      name = "bytea";
    } else if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType) {
      name = "jsonb";
    }
    return Optional.ofNullable(name);
  }
}
