package io.ferry.sink.redshift.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.ferry.core.sql.SparkColumn;
import io.ferry.core.sql.SqlIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Casts input columns to an existing Redshift table's column types before they are staged as
 * Parquet. Redshift's COPY from Parquet converts nothing: it maps columns by position with strict
 * types (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html),
 * so a {@code decimal(38,2)} into {@code numeric(12,2)}, a {@code bigint} into {@code integer} or a
 * string into {@code date} fail there, with little to go on. Here each such column is cast in
 * Spark, and a value that does not survive the cast (an overflow, lost digits, text that is no
 * date) fails the staging with a message naming the column, the value and the target type:
 *
 * <ul>
 *   <li>to an integer or numeric column: the value must read back unchanged, so a {@code bigint}
 *       beyond {@code integer}'s range or a third decimal digit into {@code numeric(12,2)} fail;
 *   <li>from text to any other type: the text must convert;
 *   <li>to text: numbers and dates as Spark prints them, nested values as JSON;
 *   <li>to {@code real} or {@code double precision}: rounded to the nearest value, as Redshift
 *       does;
 *   <li>{@code super} columns, and types the load does not know, are left as they are.
 * </ul>
 */
public final class ParquetCasts {
  private ParquetCasts() {}

  /**
   * The input with its columns cast to the types of {@code table}'s matching columns.
   *
   * @param rows the input, column names as they will be loaded
   * @param casts receives one line per cast column, e.g. {@code amount: decimal(38,2) ->
   *     numeric(12,2)}, for the run report
   */
  public static Dataset<Row> apply(Dataset<Row> rows, TargetTable table, List<String> casts) {
    List<Column> out = new ArrayList<>();
    boolean changed = false;
    for (StructField field : rows.schema().fields()) {
      Column c = col(SparkColumn.quoted(field.name()));
      Optional<TargetColumn> target = ColumnMatch.match(field.name(), table).flatMap(table::column);
      Optional<DataType> type = target.flatMap(ParquetCasts::sparkType);
      if (type.isEmpty() || type.get().equals(field.dataType())) {
        out.add(c);
        continue;
      }
      changed = true;
      casts.add(
          field.name() + ": " + field.dataType().simpleString() + " -> " + target.get().shown());
      out.add(cast(c, field, type.get(), target.get(), table).as(field.name()));
    }
    return changed ? rows.select(out.toArray(Column[]::new)) : rows;
  }

  private static Column cast(
      Column c, StructField field, DataType to, TargetColumn target, TargetTable table) {
    DataType from = field.dataType();
    if (to instanceof StringType) {
      return isNested(from) ? to_json(c) : c.cast(to);
    }
    // try_cast: a value that does not fit becomes NULL on both Spark lines (with ANSI mode on, as
    // on Spark 4, a plain cast would stop the job with Spark's own error, which names no column).
    Column cast = expr("try_cast(" + SparkColumn.quoted(field.name()) + " AS " + to.sql() + ")");
    Column lost;
    if (isExactNumber(to) && isNumber(from)) {
      lost = c.isNotNull().and(cast.isNull().or(cast.cast(from).notEqual(c)));
    } else if (to instanceof FloatType || to instanceof DoubleType) {
      return cast;
    } else {
      lost = c.isNotNull().and(cast.isNull());
    }
    Column message =
        concat(
            lit("column '" + field.name() + "' holds "),
            c.cast(DataTypes.StringType),
            lit(
                ", which does not fit column "
                    + SqlIdentifier.of(target.name()).quoted()
                    + " "
                    + target.shown()
                    + " of table "
                    + table.name().quoted()
                    + " (Parquet COPY converts no types); widen the column or convert the"
                    + " value in an earlier sql stage"));
    return when(lost, raise_error(message)).otherwise(cast);
  }

  /** The Spark type Parquet must carry for a Redshift column type; empty to leave a column be. */
  static Optional<DataType> sparkType(TargetColumn column) {
    return Optional.ofNullable(
        switch (column.dataType()) {
          case "smallint" -> DataTypes.ShortType;
          case "integer" -> DataTypes.IntegerType;
          case "bigint" -> DataTypes.LongType;
          case "numeric", "decimal" ->
              column.precision() > 0 && column.precision() <= DecimalType.MAX_PRECISION()
                  ? DataTypes.createDecimalType(column.precision(), Math.max(0, column.scale()))
                  : null;
          case "real" -> DataTypes.FloatType;
          case "double precision" -> DataTypes.DoubleType;
          case "boolean" -> DataTypes.BooleanType;
          case "character varying", "character", "varchar", "char", "bpchar", "text" ->
              DataTypes.StringType;
          case "date" -> DataTypes.DateType;
          case "timestamp without time zone" -> DataTypes.TimestampNTZType;
          case "timestamp with time zone" -> DataTypes.TimestampType;
          case "binary varying", "varbyte" -> DataTypes.BinaryType;
          default -> null;
        });
  }

  private static boolean isExactNumber(DataType type) {
    return type instanceof ShortType
        || type instanceof IntegerType
        || type instanceof LongType
        || type instanceof DecimalType;
  }

  private static boolean isNumber(DataType type) {
    return isExactNumber(type)
        || type instanceof ByteType
        || type instanceof FloatType
        || type instanceof DoubleType;
  }

  static boolean isNested(DataType type) {
    return type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
  }
}
