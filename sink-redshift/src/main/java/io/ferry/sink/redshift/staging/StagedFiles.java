package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructType;

/**
 * Files staged in the lake for one load.
 *
 * @param folder the run's staging folder
 * @param files the data files, in name order
 * @param rows how many rows Spark wrote into them, counted while writing
 * @param columns the column names, in file order
 * @param maxBytes the longest value of each string and binary column in bytes, when measured
 */
public record StagedFiles(
    Path folder,
    List<StagedFile> files,
    long rows,
    List<String> columns,
    Map<String, Long> maxBytes) {

  public StagedFiles {
    requireNonNull(folder, "folder");
    files = List.copyOf(files);
    columns = List.copyOf(columns);
    maxBytes = Map.copyOf(maxBytes);
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, found " + rows);
    }
  }

  /**
   * The files that a staging job's successful tasks reported, in name order, with their row total
   * and the longest value of each string and binary column.
   */
  public static StagedFiles of(Path folder, Collection<StagedPart> parts, StructType schema) {
    String[] names = schema.fieldNames();
    Map<String, Long> maxBytes = new HashMap<>();
    long rows = 0;
    List<StagedFile> files = new ArrayList<>();
    for (StagedPart part : parts) {
      rows += part.rows();
      for (StagedPart.File file : part.files()) {
        files.add(new StagedFile(new Path(file.path()), file.bytes()));
      }
      long[] measured = part.maxBytes();
      for (int i = 0; i < measured.length; i++) {
        if (measured[i] >= 0) {
          maxBytes.merge(names[i], measured[i], Math::max);
        }
      }
    }
    files.sort(Comparator.comparing(f -> f.path().getName()));
    return new StagedFiles(folder, files, rows, List.of(names), maxBytes);
  }

  public List<Path> paths() {
    return files.stream().map(StagedFile::path).toList();
  }

  public long bytes() {
    return files.stream().mapToLong(StagedFile::bytes).sum();
  }
}
