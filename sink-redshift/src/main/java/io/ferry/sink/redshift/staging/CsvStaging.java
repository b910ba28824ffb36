package io.ferry.sink.redshift.staging;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;

/**
 * CSV that PostgreSQL's and Redshift's {@code COPY ... CSV} read back exactly:
 *
 * <ul>
 *   <li>no header; fields quoted only when needed, quotes inside values doubled;
 *   <li>'' is a quoted empty field ({@code ""}); NULL is an unquoted empty field for PostgreSQL and
 *       the sentinel {@value #REDSHIFT_NULL} for Redshift ({@code NULL AS}), whose CSV mode would
 *       otherwise read an empty field into a varchar as '';
 *   <li>leading and trailing spaces kept (Spark trims them by default when writing);
 *   <li>timestamps as instants with their UTC offset, {@code timestamp_ntz} without one, dates as
 *       {@code yyyy-MM-dd};
 *   <li>binary as PostgreSQL's hex form {@code \x0102}, since CSV has no binary type;
 *   <li>gzip for Redshift, whose COPY reads it with {@code GZIP}.
 * </ul>
 */
public final class CsvStaging {
  /** The text a NULL is staged as in Redshift CSV; a string equal to it loads as NULL. */
  public static final String REDSHIFT_NULL = "\\N";

  static final Map<String, String> POSTGRES_OPTIONS =
      Map.of(
          "header", "false",
          "escape", "\"",
          "quoteAll", "false",
          "nullValue", "",
          "emptyValue", "\"\"",
          "ignoreLeadingWhiteSpace", "false",
          "ignoreTrailingWhiteSpace", "false",
          "timestampFormat", "yyyy-MM-dd HH:mm:ss.SSSSSSXXX",
          "timestampNTZFormat", "yyyy-MM-dd HH:mm:ss.SSSSSS",
          "dateFormat", "yyyy-MM-dd");

  static final Map<String, String> REDSHIFT_OPTIONS = redshiftOptions();

  private CsvStaging() {}

  private static Map<String, String> redshiftOptions() {
    Map<String, String> options = new HashMap<>(POSTGRES_OPTIONS);
    options.put("nullValue", REDSHIFT_NULL);
    options.put("timestampFormat", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx");
    options.put("compression", "gzip");
    return Map.copyOf(options);
  }

  /** The input with binary columns as hex text, the form {@code bytea} reads from CSV. */
  static Dataset<Row> csvReady(Dataset<Row> input) {
    StructField[] fields = input.schema().fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column c = col(Staging.quoteForSpark(fields[i].name()));
      columns[i] =
          fields[i].dataType() instanceof BinaryType
              ? concat(lit("\\x"), hex(c)).as(fields[i].name())
              : c;
    }
    return input.select(columns);
  }
}
