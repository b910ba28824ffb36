package io.ferry.ingest.jdbc.commit;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Commits one run folder so that readers, which only trust folders holding {@code _SUCCESS}, never
 * see a half-written run; {@code _SUCCESS} is always written last, after the row check.
 *
 * <ul>
 *   <li>On a file system (local, HDFS), where a directory rename is atomic, Spark writes into a
 *       hidden attempt folder next to the run folder ({@code _attempt-run=<id>-<uuid>}, skipped by
 *       Spark and Ferry readers for its leading underscore), which is renamed over the run folder:
 *       a failed run leaves the previous folder of the run id untouched.
 *   <li>On an object store (S3), where a rename is a copy of every file, Spark writes into the run
 *       folder itself, after deleting any previous attempt of the run id; a failed run deletes what
 *       it wrote. Until {@code _SUCCESS} appears, readers ignore the folder.
 * </ul>
 *
 * A rerun of the run id replaces the folder.
 */
public final class RunFolderCommit {
  private final Lake lake;
  private final Path runFolder;
  private final boolean objectStore;
  private final Path attempt;

  public RunFolderCommit(Lake lake, Path runFolder) {
    this.lake = requireNonNull(lake, "lake");
    this.runFolder = requireNonNull(runFolder, "runFolder");
    String scheme = lake.fileSystem(runFolder).getScheme();
    this.objectStore = scheme.startsWith("s3") || scheme.equals("gs") || scheme.startsWith("abfs");
    this.attempt =
        objectStore
            ? runFolder
            : new Path(
                runFolder.getParent(), "_attempt-" + runFolder.getName() + "-" + UUID.randomUUID());
  }

  /**
   * Prepares the folder Spark writes into and returns it; on an object store this deletes a
   * previous attempt of the run id. Call once, before writing.
   */
  public Path begin() {
    if (objectStore) {
      lake.delete(runFolder);
    }
    return attempt;
  }

  /** Where Spark writes; readers ignore it until {@link #publish}. */
  public Path attempt() {
    return attempt;
  }

  public Path runFolder() {
    return runFolder;
  }

  /** Makes the written files the run folder, then marks it committed. */
  public void publish() {
    FileSystem fs = lake.fileSystem(runFolder);
    try {
      fs.delete(new Path(attempt, Lake.SUCCESS_MARKER), false);
      if (!objectStore) {
        fs.delete(runFolder, true);
        if (!fs.rename(attempt, runFolder)) {
          throw new IOException("rename returned false");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the written files from " + attempt + " to " + runFolder, e);
    }
    lake.writeString(new Path(runFolder, Lake.SUCCESS_MARKER), "");
  }

  /** Deletes what a failed run wrote. */
  public void abandon() {
    lake.delete(attempt);
  }
}
