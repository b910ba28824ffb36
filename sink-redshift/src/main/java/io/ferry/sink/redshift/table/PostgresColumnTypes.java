package io.ferry.sink.redshift.table;

import java.util.Optional;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;

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
    if (type instanceof StringType) {
      return Optional.of("text");
    }
    if (type instanceof BinaryType) {
      return Optional.of("bytea");
    }
    if (ColumnTypes.isNested(type)) {
      return Optional.of("jsonb");
    }
    return ColumnTypes.common(type);
  }
}
