package io.ferry.engine.clean;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.Lake;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Finds and removes what killed or failed runs of one stage left in the lake: unpublished ingest
 * attempts, uncommitted run folders, staged load files, an empty staging folder (see {@link
 * Leftover.Kind}).
 *
 * <p>A folder counts only when its newest file is older than the cutoff, so the folders of a run
 * that is still writing (a concurrent run, or a long one) are never touched; the run asking is
 * excluded by its run id as well. Committed run folders, watermarks and reports are never
 * leftovers.
 */
public final class Leftovers {
  private static final String RUN_PREFIX = "run=";
  private static final String ATTEMPT_PREFIX = "_attempt-run=";
  private static final int UUID_SUFFIX = 37;

  private final Lake lake;
  private final String job;
  private final String stage;

  public Leftovers(Lake lake, String job, String stage) {
    this.lake = requireNonNull(lake, "lake");
    this.job = requireNonNull(job, "job");
    this.stage = requireNonNull(stage, "stage");
  }

  /**
   * The stage's leftovers last modified before {@code cutoff}, oldest first.
   *
   * @param exceptRunId a run whose folders are never leftovers (the run asking)
   * @throws UncheckedIOException when the lake cannot be listed
   */
  public List<Leftover> olderThan(Instant cutoff, Optional<String> exceptRunId) {
    List<Leftover> out = new ArrayList<>();
    try {
      raw(cutoff, exceptRunId, out);
      staging(cutoff, exceptRunId, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the leftovers of stage '" + stage + "'", e);
    }
    out.sort(Comparator.comparing(Leftover::lastModified));
    return out;
  }

  /** Deletes them; one that is already gone is fine. */
  public void remove(List<Leftover> leftovers) {
    leftovers.forEach(l -> lake.delete(l.path()));
  }

  /**
   * Deletes the stage's staging folder when it holds nothing, as a successful load leaves it.
   *
   * @return whether there was one
   */
  public boolean removeEmptyStaging() {
    Path folder = stagingFolder();
    FileSystem fs = lake.fileSystem(folder);
    try {
      if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
        return fs.delete(folder, false);
      }
      return false;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + folder, e);
    }
  }

  private void raw(Instant cutoff, Optional<String> except, List<Leftover> out) throws IOException {
    Path dir = lake.raw(job, stage);
    FileSystem fs = lake.fileSystem(dir);
    for (FileStatus child : children(fs, dir)) {
      String name = child.getPath().getName();
      if (name.startsWith(ATTEMPT_PREFIX)
          && name.length() > ATTEMPT_PREFIX.length() + UUID_SUFFIX) {
        String runId = name.substring(ATTEMPT_PREFIX.length(), name.length() - UUID_SUFFIX);
        add(fs, child, Leftover.Kind.ATTEMPT, runId, cutoff, except, out);
      } else if (name.startsWith(RUN_PREFIX) && !lake.isCommitted(child.getPath())) {
        String runId = name.substring(RUN_PREFIX.length());
        add(fs, child, Leftover.Kind.UNCOMMITTED_RUN, runId, cutoff, except, out);
      }
    }
  }

  private void staging(Instant cutoff, Optional<String> except, List<Leftover> out)
      throws IOException {
    Path dir = stagingFolder();
    FileSystem fs = lake.fileSystem(dir);
    List<FileStatus> children = children(fs, dir);
    for (FileStatus child : children) {
      add(fs, child, Leftover.Kind.STAGED, child.getPath().getName(), cutoff, except, out);
    }
    if (children.isEmpty() && fs.exists(dir)) {
      Instant modified = Instant.ofEpochMilli(fs.getFileStatus(dir).getModificationTime());
      if (modified.isBefore(cutoff)) {
        out.add(new Leftover(dir, Leftover.Kind.EMPTY_STAGING, modified));
      }
    }
  }

  private Path stagingFolder() {
    return lake.staging(job, stage, "x").getParent();
  }

  private static void add(
      FileSystem fs,
      FileStatus folder,
      Leftover.Kind kind,
      String runId,
      Instant cutoff,
      Optional<String> except,
      List<Leftover> out)
      throws IOException {
    if (!folder.isDirectory() || except.filter(runId::equals).isPresent()) {
      return;
    }
    Optional<Instant> modified = newestFile(fs, folder);
    if (modified.isPresent() && modified.get().isBefore(cutoff)) {
      out.add(new Leftover(folder.getPath(), kind, modified.get()));
    }
  }

  /**
   * When the newest file below a folder was written; the folder's own time when it holds no file
   * (object stores give folders no time of their own, so files decide where there are any). Empty
   * when the folder vanished meanwhile.
   */
  private static Optional<Instant> newestFile(FileSystem fs, FileStatus folder) throws IOException {
    try {
      long newest = -1;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder.getPath(), true);
      while (files.hasNext()) {
        newest = Math.max(newest, files.next().getModificationTime());
      }
      return Optional.of(Instant.ofEpochMilli(newest >= 0 ? newest : folder.getModificationTime()));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  private static List<FileStatus> children(FileSystem fs, Path dir) throws IOException {
    try {
      return List.of(fs.listStatus(dir));
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }
}
