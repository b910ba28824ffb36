package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * CSV files staged in the lake for one load.
 *
 * @param folder the run's staging folder
 * @param files the part files, in name order
 * @param rows how many rows Spark wrote into them, counted while writing
 * @param columns the column names, in file order
 */
public record StagedFiles(Path folder, List<Path> files, long rows, List<String> columns) {

  public StagedFiles {
    requireNonNull(folder, "folder");
    files = List.copyOf(files);
    columns = List.copyOf(columns);
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, found " + rows);
    }
  }
}
