package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * What one successful staging task wrote: its file, the rows and bytes in it, and the longest value
 * of each column in bytes ({@link CsvEncoder#maxBytes()}). A task's result reaches the driver only
 * when the task succeeded, so only files named here are ever loaded.
 *
 * @param path the file's full path, as the lake names it
 * @param bytes the file's length (compressed, when gzip)
 */
public record StagedPart(int partition, String path, long rows, long bytes, long[] maxBytes)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public StagedPart {
    requireNonNull(path, "path");
    maxBytes = maxBytes.clone();
  }

  @Override
  public long[] maxBytes() {
    return maxBytes.clone();
  }
}
