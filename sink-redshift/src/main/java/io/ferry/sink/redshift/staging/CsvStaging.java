package io.ferry.sink.redshift.staging;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;

/**
 * Writes a dataset as CSV files that PostgreSQL's and Redshift's {@code COPY ... CSV} read back
 * exactly:
 *
 * <ul>
 *   <li>no header; fields quoted only when needed, quotes inside values doubled;
 *   <li>NULL is an unquoted empty field and '' a quoted one ({@code ""}), so they stay distinct;
 *   <li>leading and trailing spaces kept (Spark trims them by default when writing);
 *   <li>timestamps as UTC instants with their offset, {@code timestamp_ntz} without one, dates as
 *       {@code yyyy-MM-dd};
 *   <li>binary as PostgreSQL's hex form {@code \x0102}, since CSV has no binary type.
 * </ul>
 */
public final class CsvStaging {
  static final Map<String, String> CSV_OPTIONS =
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
  private static final String PART_PREFIX = "part-";

  private CsvStaging() {}

  /**
   * Writes {@code input} to {@code folder}, replacing what an earlier attempt of the run left
   * there, and counts the rows in the same pass.
   */
  public static StagedFiles stage(Dataset<Row> input, Path folder, FileSystem fs)
      throws IOException {
    Observation observation = new Observation();
    csvReady(input)
        .observe(observation, count(lit(1)).as("rows"))
        .write()
        .mode(SaveMode.Overwrite)
        .options(CSV_OPTIONS)
        .csv(folder.toString());
    return new StagedFiles(
        folder, partFiles(fs, folder), rows(observation), List.of(input.columns()));
  }

  private static Dataset<Row> csvReady(Dataset<Row> input) {
    StructField[] fields = input.schema().fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column c = col(quoteForSpark(fields[i].name()));
      columns[i] =
          fields[i].dataType() instanceof BinaryType
              ? concat(lit("\\x"), hex(c)).as(fields[i].name())
              : c;
    }
    return input.select(columns);
  }

  private static String quoteForSpark(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static long rows(Observation observation) {
    try {
      Object rows = observation.getAsJava().get("rows");
      return ((Number) rows).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting staged rows", e);
    }
  }

  private static List<Path> partFiles(FileSystem fs, Path folder) throws IOException {
    return Arrays.stream(fs.listStatus(folder))
        .filter(FileStatus::isFile)
        .map(FileStatus::getPath)
        .filter(p -> p.getName().startsWith(PART_PREFIX))
        .sorted(Comparator.comparing(Path::getName))
        .toList();
  }
}
