package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import org.apache.hadoop.fs.Path;

/**
 * One staged data file.
 *
 * @param bytes its length, for the manifest's {@code meta.content_length}
 */
public record StagedFile(Path path, long bytes) {
  public StagedFile {
    requireNonNull(path, "path");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, found " + bytes);
    }
  }
}
