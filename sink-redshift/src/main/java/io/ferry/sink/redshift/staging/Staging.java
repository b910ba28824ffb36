package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.octet_length;

import io.ferry.core.sql.SparkColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Writes a load's input to its staging folder ahead of the load, in one Spark pass that also counts
 * the rows and measures the longest string and binary values (Redshift sizes varchar in bytes). A
 * rerun of the run replaces what an earlier attempt left there. The PostgreSQL warehouse does not
 * come here: it runs {@link StagingJob} itself, to COPY each file as soon as its task finished.
 *
 * @param csv the CSV form the warehouse reads, for {@link StagingFormat#CSV}
 * @param fileCount how many files to write; empty keeps the input's partitioning
 */
public record Staging(StagingFormat format, CsvForm csv, OptionalInt fileCount) {
  private static final String PART_PREFIX = "part-";
  private static final String ROWS = "rows";
  private static final String MAX_BYTES_PREFIX = "max_bytes:";

  public Staging {
    requireNonNull(format, "format");
    requireNonNull(csv, "csv");
    requireNonNull(fileCount, "fileCount");
    if (format == StagingFormat.BINARY) {
      throw new IllegalArgumentException(
          "binary COPY files need the target's column types, which the pipelined load"
              + " (PipelinedCopy) reads first; staging ahead of the load writes parquet or csv");
    }
  }

  /**
   * Writes the input to {@code folder}, replacing what an earlier attempt of the run left there:
   * CSV through {@link StagingJob} (one file per partition, written by the task itself), Parquet
   * through Spark's writer.
   */
  public StagedFiles write(Dataset<Row> input, Path folder, FileSystem fs) throws IOException {
    Dataset<Row> out = input;
    if (fileCount.isPresent()) {
      out = out.repartition(fileCount.getAsInt());
    }
    return format == StagingFormat.CSV ? writeCsv(out, folder, fs) : writeParquet(out, folder, fs);
  }

  /** Empties {@code folder} of an earlier attempt's files and creates it. */
  public static void prepare(FileSystem fs, Path folder) throws IOException {
    fs.delete(folder, true);
    if (!fs.mkdirs(folder)) {
      throw new IOException("cannot create the staging folder " + folder);
    }
  }

  private StagedFiles writeCsv(Dataset<Row> input, Path folder, FileSystem fs) throws IOException {
    prepare(fs, folder);
    List<StagedPart> parts = Collections.synchronizedList(new ArrayList<>());
    StagingJob job =
        StagingJob.start(
            input, folder, FileEncoding.csv(input.schema(), csv), Long.MAX_VALUE, parts::add);
    try {
      job.await();
    } finally {
      job.cancel();
    }
    return StagedFiles.of(folder, parts, input.schema());
  }

  private StagedFiles writeParquet(Dataset<Row> input, Path folder, FileSystem fs)
      throws IOException {
    Observation observation = new Observation();
    input
        .observe(observation, count(lit(1)).as(ROWS), measures(input))
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "snappy")
        .parquet(folder.toString());
    Map<String, Object> metrics = metrics(observation);
    Map<String, Long> maxBytes = new HashMap<>();
    metrics.forEach(
        (name, value) -> {
          if (name.startsWith(MAX_BYTES_PREFIX)) {
            maxBytes.put(
                name.substring(MAX_BYTES_PREFIX.length()),
                value == null ? 0L : ((Number) value).longValue());
          }
        });
    return new StagedFiles(
        folder,
        partFiles(fs, folder),
        ((Number) metrics.get(ROWS)).longValue(),
        List.of(input.columns()),
        maxBytes);
  }

  private static Column[] measures(Dataset<Row> input) {
    List<Column> measures = new ArrayList<>();
    for (StructField field : input.schema().fields()) {
      Column c = col(SparkColumn.quoted(field.name()));
      if (field.dataType() instanceof StringType) {
        measures.add(max(octet_length(c)).as(MAX_BYTES_PREFIX + field.name()));
      } else if (field.dataType() instanceof BinaryType) {
        measures.add(max(length(c)).as(MAX_BYTES_PREFIX + field.name()));
      }
    }
    return measures.toArray(Column[]::new);
  }

  private static Map<String, Object> metrics(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting staged rows", e);
    }
  }

  private static List<StagedFile> partFiles(FileSystem fs, Path folder) throws IOException {
    return Arrays.stream(fs.listStatus(folder))
        .filter(FileStatus::isFile)
        .filter(s -> s.getPath().getName().startsWith(PART_PREFIX))
        .sorted(Comparator.comparing(s -> s.getPath().getName()))
        .map(s -> new StagedFile(s.getPath(), s.getLen()))
        .toList();
  }
}
