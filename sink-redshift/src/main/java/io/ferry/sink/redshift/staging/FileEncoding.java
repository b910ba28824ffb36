package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * How staging tasks encode rows into files, carried to the tasks: CSV in a warehouse's form ({@link
 * CsvEncoder}), or PostgreSQL's binary COPY format for given column types ({@link
 * PgBinaryEncoder}).
 *
 * @param csv the CSV form, for {@link StagingFormat#CSV} only (null otherwise)
 * @param pgTypes the target's PostgreSQL column types, for {@link StagingFormat#BINARY} only
 */
public record FileEncoding(
    StagingFormat format, StructType schema, CsvForm csv, List<String> pgTypes)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file name extension of binary COPY files. */
  public static final String BINARY_EXTENSION = "bin";

  public FileEncoding {
    requireNonNull(format, "format");
    requireNonNull(schema, "schema");
    pgTypes = List.copyOf(pgTypes);
    if (format == StagingFormat.PARQUET) {
      throw new IllegalArgumentException(
          "Parquet is staged by Spark's writer, not by row encoders");
    }
    if ((format == StagingFormat.CSV) != (csv != null)) {
      throw new IllegalArgumentException("a CSV form is given for CSV files and only for them");
    }
  }

  /** CSV in the form its warehouse reads. */
  public static FileEncoding csv(StructType schema, CsvForm form) {
    return new FileEncoding(StagingFormat.CSV, schema, requireNonNull(form, "form"), List.of());
  }

  /** PostgreSQL's binary COPY format for columns of these PostgreSQL types, uncompressed. */
  public static FileEncoding binary(StructType schema, List<String> pgTypes) {
    return new FileEncoding(StagingFormat.BINARY, schema, null, pgTypes);
  }

  /** Whether the files are gzip-compressed. */
  public boolean gzip() {
    return csv != null && csv.gzip();
  }

  /** A new encoder, one per task. */
  public RowEncoder newEncoder() {
    return format == StagingFormat.BINARY
        ? new PgBinaryEncoder(schema, pgTypes)
        : new CsvEncoder(schema, csv);
  }

  /** The staged files' name extension: {@code csv}, {@code csv.gz} or {@code bin}. */
  public String extension() {
    return format == StagingFormat.BINARY ? BINARY_EXTENSION : gzip() ? "csv.gz" : "csv";
  }
}
