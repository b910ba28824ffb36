package io.ferry.transform.lake;

import io.ferry.core.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Ferry's commit protocol for a folder of files, the same as ingest's: readers trust only folders
 * that hold {@code _SUCCESS}, and it is the last thing written.
 *
 * <ol>
 *   <li>Spark writes the files into a hidden sibling, {@code _<name>.ferry-<run-id>}, replacing
 *       what a crashed attempt of the same run left there (names starting with {@code _} are
 *       skipped by Spark's file listing, so a parent folder read as a table never sees it).
 *   <li>The sibling's {@code _SUCCESS} is removed, the old target deleted, the sibling renamed to
 *       the target (a copy on object stores, where no reader trusts it yet).
 *   <li>{@code _SUCCESS} is written into the target.
 * </ol>
 *
 * A failure before step 3 leaves no committed target; rerunning the same run id replaces it.
 */
final class CommittedWrite {
  private CommittedWrite() {}

  /**
   * @throws UncheckedIOException naming the folder when a file system step fails
   */
  static void write(DataFrameWriter<Row> writer, Lake lake, Path target, String runId) {
    Path staging = new Path(target.getParent(), "_" + target.getName() + ".ferry-" + runId);
    FileSystem fs = lake.fileSystem(target);
    try {
      fs.delete(staging, true);
      writer.mode(SaveMode.Overwrite).save(staging.toString());
      fs.delete(new Path(staging, Lake.SUCCESS_MARKER), false);
      fs.delete(target, true);
      fs.mkdirs(target.getParent());
      if (!fs.rename(staging, target)) {
        throw new IOException("rename of " + staging + " to " + target + " failed");
      }
      fs.create(new Path(target, Lake.SUCCESS_MARKER), true).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + target + ": " + e.getMessage(), e);
    }
  }
}
