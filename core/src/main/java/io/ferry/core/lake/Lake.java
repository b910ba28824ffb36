package io.ferry.core.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lake under {@code lake.root}, reached through Hadoop's FileSystem so that {@code file://},
 * {@code s3a://}, {@code s3://} and {@code hdfs://} all work:
 *
 * <pre>
 * raw/&lt;job&gt;/&lt;stage&gt;/run=&lt;run-id&gt;/part-*.parquet   committed with _SUCCESS
 * _staging/&lt;job&gt;/&lt;stage&gt;/&lt;run-id&gt;/                files staged for COPY
 * _state/&lt;job&gt;/&lt;stage&gt;.json                       watermarks
 * _runs/&lt;job&gt;/&lt;run-id&gt;/report.json                run reports
 * </pre>
 *
 * Readers only see run folders that hold {@code _SUCCESS}.
 */
public final class Lake {
  public static final String SUCCESS_MARKER = "_SUCCESS";
  private static final String RUN_PREFIX = "run=";

  private final Path root;
  private final Configuration hadoopConf;

  public Lake(String root, Configuration hadoopConf) {
    this.root = new Path(requireNonNull(root, "root"));
    this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf");
    LakeFileSystems.bindS3Scheme(hadoopConf);
  }

  public Path root() {
    return root;
  }

  public Path raw(String job, String stage) {
    return new Path(root, "raw/" + job + "/" + stage);
  }

  public Path rawRun(String job, String stage, String runId) {
    return new Path(raw(job, stage), RUN_PREFIX + runId);
  }

  public Path staging(String job, String stage, String runId) {
    return new Path(root, "_staging/" + job + "/" + stage + "/" + runId);
  }

  public Path state(String job, String stage) {
    return new Path(root, "_state/" + job + "/" + stage + ".json");
  }

  public Path runReport(String job, String runId) {
    return new Path(root, "_runs/" + job + "/" + runId + "/report.json");
  }

  public FileSystem fileSystem(Path path) {
    try {
      return path.getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the lake at " + path, e);
    }
  }

  /** Whether a run folder was committed (holds {@code _SUCCESS}). */
  public boolean isCommitted(Path runFolder) {
    return exists(new Path(runFolder, SUCCESS_MARKER));
  }

  /** The newest committed run folder of a stage, by run id order (run ids sort by time). */
  public Optional<Path> latestCommittedRun(String job, String stage) {
    Path dir = raw(job, stage);
    try {
      FileSystem fs = fileSystem(dir);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      return Arrays.stream(fs.listStatus(dir))
          .filter(FileStatus::isDirectory)
          .map(FileStatus::getPath)
          .filter(p -> p.getName().startsWith(RUN_PREFIX))
          .filter(this::isCommitted)
          .max(Comparator.comparing(Path::getName));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public boolean exists(Path path) {
    try {
      return fileSystem(path).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  /** Deletes a folder or file recursively; absent is fine. */
  public void delete(Path path) {
    try {
      fileSystem(path).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * Writes a small text file whole. On object stores a PUT is atomic; on file systems the text goes
   * to a hidden temporary file that is renamed over the target, so readers never see half a file.
   */
  public void writeString(Path path, String content) {
    FileSystem fs = fileSystem(path);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      if (isObjectStore(fs)) {
        try (OutputStream out = fs.create(path, true)) {
          out.write(bytes);
        }
        return;
      }
      Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
      }
      fs.delete(path, false);
      if (!fs.rename(tmp, path)) {
        throw new IOException("rename of " + tmp + " to " + path + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public Optional<String> readString(Path path) {
    FileSystem fs = fileSystem(path);
    try {
      if (!fs.exists(path)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(path)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static boolean isObjectStore(FileSystem fs) {
    String scheme = fs.getScheme();
    return scheme.startsWith("s3") || scheme.equals("gs") || scheme.startsWith("abfs");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
