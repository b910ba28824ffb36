package io.ferry.sink.redshift.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** How a dialect types the columns it creates for Spark columns. */
public interface ColumnTypes {

  /** The warehouse type for a Spark type, or empty when the dialect cannot load it. */
  Optional<String> sqlType(DataType type);

  /**
   * The type both PostgreSQL and Redshift give a Spark number, boolean, date or timestamp; empty
   * for text, binary, decimal and nested types, which each dialect types its own way.
   */
  static Optional<String> common(DataType type) {
    String name = null;
    if (type instanceof LongType) {
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

  /** Whether a Spark type is a struct, an array or a map. */
  static boolean isNested(DataType type) {
    return type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
  }

  /** The warehouse type for a column; dialects that size types by the data override this. */
  default Optional<String> sqlType(StructField field) {
    return sqlType(field.dataType());
  }

  /**
   * The warehouse columns for a whole input schema, in its order.
   *
   * @throws IllegalArgumentException listing every column whose type cannot be loaded
   */
  default List<ColumnDefinition> columns(StructType schema) {
    List<ColumnDefinition> out = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (StructField field : schema.fields()) {
      Optional<String> type = sqlType(field);
      type.ifPresent(t -> out.add(new ColumnDefinition(field.name(), t)));
      if (type.isEmpty()) {
        unsupported.add(field.name() + " " + field.dataType().simpleString());
      }
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot load columns of these types: "
              + String.join(", ", unsupported)
              + "; convert them in an earlier sql stage (e.g. CAST(col AS STRING))");
    }
    return out;
  }
}
