package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * One staging task: encodes its partition's rows ({@link FileEncoding}: CSV or PostgreSQL's binary
 * COPY format) straight into its own files in the staging folder, named by partition, task attempt
 * and sequence ({@code part-00003-attempt-17-0000.csv[.gz]}, {@code .bin}), with no temporary file
 * and no rename (a copy on S3). A failed or killed attempt leaves an orphan file that nothing
 * reads, since only successful tasks report their file ({@link StagedPart}); it goes when the
 * folder is deleted. Every partition gets a file, empty ones included, so the file count is the
 * partition count.
 */
final class PartWriter extends AbstractFunction1<Iterator<InternalRow>, StagedPart>
    implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int FLUSH_BYTES = 1 << 16;
  private static final int ROWS_BETWEEN_KILL_CHECKS = 4096;

  private final FileEncoding encoding;
  private final String folder;
  private final Broadcast<HadoopConf> conf;
  private final long rollBytes;

  /**
   * @param rollBytes after how many bytes (before compression) a task closes its file and starts
   *     the next one, so that the driver can load the closed file while the task goes on
   */
  PartWriter(FileEncoding encoding, String folder, Broadcast<HadoopConf> conf, long rollBytes) {
    this.encoding = requireNonNull(encoding, "encoding");
    this.folder = requireNonNull(folder, "folder");
    this.conf = requireNonNull(conf, "conf");
    if (rollBytes <= 0) {
      throw new IllegalArgumentException("rollBytes must be positive, found " + rollBytes);
    }
    this.rollBytes = rollBytes;
  }

  @Override
  public StagedPart apply(Iterator<InternalRow> rows) {
    TaskContext task = TaskContext.get();
    RowEncoder encoder = encoding.newEncoder();
    List<StagedPart.File> files = new ArrayList<>();
    long count = 0;
    Path path = null;
    try {
      FileSystem fs = null;
      int sequence = 0;
      do {
        path =
            new Path(
                folder,
                new PartFileName(task.partitionId(), task.taskAttemptId(), sequence++)
                    .format(encoding.extension()));
        if (fs == null) {
          fs = withoutChecksums(path.getFileSystem(conf.value().get()));
        }
        long before = count;
        FSDataOutputStream file = fs.create(path, false);
        try (file;
            OutputStream out = encoding.gzip() ? new GZIPOutputStream(file, FLUSH_BYTES) : file) {
          encoder.begin();
          long written = 0;
          while (written < rollBytes && rows.hasNext()) {
            encoder.encode(rows.next());
            if (++count % ROWS_BETWEEN_KILL_CHECKS == 0) {
              task.killTaskIfInterrupted();
            }
            if (encoder.buffered() >= FLUSH_BYTES) {
              written += encoder.buffered();
              encoder.flushTo(out);
            }
          }
          encoder.end();
          encoder.flushTo(out);
        }
        files.add(new StagedPart.File(path.toString(), count - before, file.getPos()));
      } while (rows.hasNext());
      return new StagedPart(task.partitionId(), files, count, encoder.maxBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write staged file " + path + ": " + e.getMessage(), e);
    }
  }

  /** The same task for a columnar scan's partition: encodes the batches' rows in place. */
  Batches forBatches() {
    return new Batches(this);
  }

  static final class Batches extends AbstractFunction1<Iterator<ColumnarBatch>, StagedPart>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PartWriter writer;

    private Batches(PartWriter writer) {
      this.writer = writer;
    }

    @Override
    public StagedPart apply(Iterator<ColumnarBatch> batches) {
      return writer.apply(new BatchRows(batches));
    }
  }

  /** The local file system without its .crc side files, which nobody reads back. */
  private static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }
}
