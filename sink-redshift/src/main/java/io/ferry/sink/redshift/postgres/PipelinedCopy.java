package io.ferry.sink.redshift.postgres;

import static java.util.Objects.requireNonNull;

import io.ferry.core.secret.Redactor;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.LoadSource;
import io.ferry.sink.redshift.WarehouseDialect;
import io.ferry.sink.redshift.staging.StagedFile;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.StagedPart;
import io.ferry.sink.redshift.staging.Staging;
import io.ferry.sink.redshift.staging.StagingJob;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postgres dialect's load source: Spark stages the input as CSV ({@link StagingJob}, one file
 * per partition, written by the task itself) while the load's transaction COPYs each file the
 * moment its task succeeded, on the load's one connection. Staging and COPY overlap; the
 * transaction (its {@code ferry_loads} lock, the target checked or created, the staging table) is
 * open from before the first file is written.
 *
 * <p>Only files that successful tasks reported are loaded; a failed attempt's file is never read.
 * When the Spark job fails, the COPY in progress finishes, the others are not started, and the
 * failure is thrown (the transaction rolls back). When a COPY fails, the Spark job is cancelled
 * before the failure is thrown. Either way no task or thread of this load is left running.
 */
public final class PipelinedCopy implements LoadSource {
  private static final Logger LOG = LoggerFactory.getLogger(PipelinedCopy.class);
  private static final long POLL_MILLIS = 20;

  private final Dataset<Row> input;
  private final Path folder;
  private final FileSystem fs;

  /**
   * @param folder the run's staging folder; what an earlier attempt left there is deleted first
   */
  public PipelinedCopy(Dataset<Row> input, Path folder, FileSystem fs) {
    this.input = requireNonNull(input, "input");
    this.folder = requireNonNull(folder, "folder");
    this.fs = requireNonNull(fs, "fs");
  }

  @Override
  public List<String> columns() {
    return List.of(input.columns());
  }

  /** PostgreSQL's column types need no sizes, and the files are not written yet. */
  @Override
  public Map<String, Long> maxBytes() {
    return Map.of();
  }

  @Override
  public Copied copy(
      Connection c, WarehouseDialect dialect, SqlIdentifier table, List<String> tableColumns)
      throws SQLException, IOException {
    long start = System.nanoTime();
    BlockingQueue<StagedPart> finished = new LinkedBlockingQueue<>();
    AtomicLong lastFileAt = new AtomicLong(start);
    StagingJob job;
    try {
      Staging.prepare(fs, folder);
      job =
          StagingJob.start(
              input,
              folder,
              Staging.Reader.POSTGRES,
              false,
              part -> {
                lastFileAt.set(System.nanoTime());
                finished.add(part);
              });
    } catch (IOException | RuntimeException e) {
      throw stagingFailed(e);
    }
    List<StagedPart> copiedParts = new ArrayList<>();
    long copied = 0;
    long copyNanos = 0;
    long firstCopyAt = 0;
    long lastCopyEnd = start;
    try {
      while (true) {
        StagedPart part = finished.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (job.isDone()) {
          await(job);
          if (part == null) {
            part = finished.poll();
          }
        }
        if (part == null) {
          if (job.isDone()) {
            break;
          }
          continue;
        }
        long copyStart = System.nanoTime();
        firstCopyAt = firstCopyAt == 0 ? copyStart : firstCopyAt;
        copied += dialect.copy(c, table, tableColumns, oneFile(part));
        lastCopyEnd = System.nanoTime();
        copyNanos += lastCopyEnd - copyStart;
        copiedParts.add(part);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the staged files in " + folder, e);
    } finally {
      job.cancel();
    }
    StagedFiles staged = StagedFiles.of(folder, copiedParts, input.schema());
    LOG.info(
        "Staged {} rows in {} CSV files ({} bytes) at {}: Spark wrote them in {} s; COPY started"
            + " after {} s, took {} s in all, and ended {} s after the last file was written; {} s"
            + " from start to last COPY",
        staged.rows(),
        staged.files().size(),
        staged.bytes(),
        folder,
        seconds(lastFileAt.get() - start),
        seconds(firstCopyAt == 0 ? 0 : firstCopyAt - start),
        seconds(copyNanos),
        seconds(Math.max(0, lastCopyEnd - lastFileAt.get())),
        seconds(lastCopyEnd - start));
    return new Copied(staged, copied);
  }

  private void await(StagingJob job) {
    try {
      job.await();
    } catch (RuntimeException e) {
      throw stagingFailed(e);
    }
  }

  private IllegalStateException stagingFailed(Exception e) {
    return new IllegalStateException(
        "cannot stage the input as csv files in "
            + folder
            + ": "
            + Redactor.global().redact(String.valueOf(e.getMessage())),
        e);
  }

  private StagedFiles oneFile(StagedPart part) {
    return new StagedFiles(
        folder,
        List.of(new StagedFile(new Path(part.path()), part.bytes())),
        part.rows(),
        columns(),
        Map.of());
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }
}
