package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * How staging tasks encode rows into files, carried to the tasks: CSV for a reader ({@link
 * CsvEncoder}), gzip-compressed for Redshift, or PostgreSQL's binary COPY format for given column
 * types ({@link PgBinaryEncoder}).
 *
 * @param pgTypes the target's PostgreSQL column types, for {@link StagingFormat#BINARY} only
 */
public record FileEncoding(
    StagingFormat format,
    StructType schema,
    Staging.Reader reader,
    boolean gzip,
    List<String> pgTypes)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file name extension of binary COPY files. */
  public static final String BINARY_EXTENSION = "bin";

  public FileEncoding {
    requireNonNull(format, "format");
    requireNonNull(schema, "schema");
    requireNonNull(reader, "reader");
    pgTypes = List.copyOf(pgTypes);
    if (format == StagingFormat.PARQUET) {
      throw new IllegalArgumentException(
          "Parquet is staged by Spark's writer, not by row encoders");
    }
    if (format == StagingFormat.BINARY && (reader != Staging.Reader.POSTGRES || gzip)) {
      throw new IllegalArgumentException("binary COPY files are for PostgreSQL, uncompressed");
    }
  }

  /** CSV as {@code reader} reads it; gzip-compressed for Redshift. */
  public static FileEncoding csv(StructType schema, Staging.Reader reader) {
    return new FileEncoding(
        StagingFormat.CSV, schema, reader, reader == Staging.Reader.REDSHIFT, List.of());
  }

  /** PostgreSQL's binary COPY format for columns of these PostgreSQL types. */
  public static FileEncoding binary(StructType schema, List<String> pgTypes) {
    return new FileEncoding(StagingFormat.BINARY, schema, Staging.Reader.POSTGRES, false, pgTypes);
  }

  /** A new encoder, one per task. */
  public RowEncoder newEncoder() {
    return format == StagingFormat.BINARY
        ? new PgBinaryEncoder(schema, pgTypes)
        : new CsvEncoder(schema, reader);
  }

  /** The staged files' name extension: {@code csv}, {@code csv.gz} or {@code bin}. */
  public String extension() {
    return format == StagingFormat.BINARY ? BINARY_EXTENSION : gzip ? "csv.gz" : "csv";
  }
}
