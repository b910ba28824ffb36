package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

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

  public List<Path> paths() {
    return files.stream().map(StagedFile::path).toList();
  }

  public long bytes() {
    return files.stream().mapToLong(StagedFile::bytes).sum();
  }
}
