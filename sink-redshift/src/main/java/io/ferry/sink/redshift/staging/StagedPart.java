package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * What one successful staging task wrote: its files in the order written, the rows in them, and the
 * longest value of each column in bytes ({@link CsvEncoder#maxBytes()}). A task's result reaches
 * the driver only when the task succeeded, so these are the files to load.
 */
public record StagedPart(int partition, List<File> files, long rows, long[] maxBytes)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public StagedPart {
    files = List.copyOf(files);
    maxBytes = maxBytes.clone();
  }

  @Override
  public long[] maxBytes() {
    return maxBytes.clone();
  }

  /**
   * One file a task wrote.
   *
   * @param path the file's full path, as the lake names it
   * @param bytes its length (compressed, when gzip)
   */
  public record File(String path, long rows, long bytes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public File {
      requireNonNull(path, "path");
    }
  }
}
