package io.ferry.ingest.jdbc.commit;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Commits one run folder atomically for readers: Spark writes into a hidden attempt folder next to
 * it ({@code _attempt-run=<id>-<uuid>}, which Spark and Ferry readers skip because of the leading
 * underscore), the attempt is checked, then renamed over the run folder, and {@code _SUCCESS} is
 * written last. Readers look for {@code _SUCCESS}, so they never see a half folder; a failed run
 * leaves at most a hidden attempt, which it deletes; a rerun of the run id replaces the folder.
 */
public final class RunFolderCommit {
  private final Lake lake;
  private final Path runFolder;
  private final Path attempt;

  public RunFolderCommit(Lake lake, Path runFolder) {
    this.lake = requireNonNull(lake, "lake");
    this.runFolder = requireNonNull(runFolder, "runFolder");
    this.attempt =
        new Path(
            runFolder.getParent(), "_attempt-" + runFolder.getName() + "-" + UUID.randomUUID());
  }

  /** Where Spark writes; nothing reads it. */
  public Path attempt() {
    return attempt;
  }

  public Path runFolder() {
    return runFolder;
  }

  /** Replaces the run folder by the attempt, then marks it committed. */
  public void publish() {
    FileSystem fs = lake.fileSystem(runFolder);
    try {
      fs.delete(new Path(attempt, Lake.SUCCESS_MARKER), false);
      fs.delete(runFolder, true);
      if (!fs.rename(attempt, runFolder)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the written files from " + attempt + " to " + runFolder, e);
    }
    lake.writeString(new Path(runFolder, Lake.SUCCESS_MARKER), "");
  }

  /** Deletes the attempt after a failure; the run folder stays as it was. */
  public void abandon() {
    lake.delete(attempt);
  }
}
