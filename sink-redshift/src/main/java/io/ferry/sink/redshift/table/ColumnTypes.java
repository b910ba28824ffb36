package io.ferry.sink.redshift.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** How a dialect types the columns it creates for Spark columns. */
public interface ColumnTypes {

  /** The warehouse type for a Spark type, or empty when the dialect cannot load it. */
  Optional<String> sqlType(DataType type);

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
