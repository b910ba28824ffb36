package io.ferry.sink.redshift.postgres;

import static java.util.Objects.requireNonNull;

import io.ferry.core.secret.Redactor;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.LoadSource;
import io.ferry.sink.redshift.staging.FileEncoding;
import io.ferry.sink.redshift.staging.PartFileName;
import io.ferry.sink.redshift.staging.PgBinaryEncoder;
import io.ferry.sink.redshift.staging.StagedFile;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.StagedPart;
import io.ferry.sink.redshift.staging.Staging;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.staging.StagingJob;
import io.ferry.sink.redshift.warehouse.PostgresWarehouse;
import io.ferry.sink.redshift.warehouse.Warehouse;
import io.ferry.sink.redshift.warehouse.Warehouse.CopyInto;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL warehouse's load source: Spark stages the input ({@link StagingJob}, files written
 * by the tasks themselves, a new one every {@value #ROLL_BYTES} bytes) while the load's transaction
 * COPYs each file as soon as it is complete, on the load's one connection: a file a running task
 * closed (it is not its last), and the files of each task that succeeded. The files are in
 * PostgreSQL's binary COPY format for the COPY's table's column types ({@link PgBinaryEncoder}),
 * unless CSV was asked for or some column has no binary encoding, which falls back to CSV ({@link
 * #fallback}). Staging and COPY overlap; the transaction (its {@code ferry_loads} lock, the target
 * checked or created, the staging table) is open from before the first file is written.
 *
 * <p>Only files of successful task attempts end up loaded. A file COPYed while its task ran belongs
 * to an attempt that may still fail (or lose to a speculative copy); if one of those did not
 * succeed, the COPYs are rolled back to a savepoint taken before the first, and the files of the
 * successful attempts are COPYed again. The row count check then compares the COPY total with the
 * rows the successful tasks reported. When the Spark job fails, the COPY in progress finishes, the
 * others are not started, and the failure is thrown (the transaction rolls back). When a COPY
 * fails, the Spark job is cancelled before the failure is thrown. Either way no task or thread of
 * this load is left running.
 */
public final class PipelinedCopy implements LoadSource {
  private static final Logger LOG = LoggerFactory.getLogger(PipelinedCopy.class);
  private static final long POLL_MILLIS = 20;
  private static final long LIST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /**
   * Tasks start a new file after this many bytes, so the first COPY starts soon even when the input
   * has a few large partitions, and the last COPY, the only one nothing overlaps, is short. 4 MB:
   * with 32 MB, a 500,000-row load COPYed nothing until a task ended and spent 0.5 s COPYing after
   * the last file was written (bench/history/2026-12-01-profile.md).
   */
  static final long ROLL_BYTES = 4L << 20;

  private final Dataset<Row> input;
  private final Path folder;
  private final FileSystem fs;
  private final long rollBytes;
  private final StagingFormat requested;
  private StagingFormat format;
  private Optional<String> fallback = Optional.empty();
  private boolean restarted;

  /**
   * @param folder the run's staging folder; what an earlier attempt left there is deleted first
   * @param requested binary (falls back to CSV when a column has no binary encoding) or CSV
   */
  public PipelinedCopy(Dataset<Row> input, Path folder, FileSystem fs, StagingFormat requested) {
    this(input, folder, fs, requested, ROLL_BYTES);
  }

  PipelinedCopy(
      Dataset<Row> input, Path folder, FileSystem fs, StagingFormat requested, long rollBytes) {
    this.input = requireNonNull(input, "input");
    this.folder = requireNonNull(folder, "folder");
    this.fs = requireNonNull(fs, "fs");
    this.requested = requireNonNull(requested, "requested");
    if (requested == StagingFormat.PARQUET) {
      throw new IllegalArgumentException("PostgreSQL's COPY reads binary or csv files");
    }
    this.format = requested;
    this.rollBytes = rollBytes;
  }

  /** The format the files were staged in: the requested one, or CSV after a {@link #fallback}. */
  public StagingFormat format() {
    return format;
  }

  /**
   * Whether a file of a task attempt that did not succeed had been COPYed, so the COPYs were rolled
   * back to before the first and the successful attempts' files COPYed again.
   */
  public boolean restarted() {
    return restarted;
  }

  /**
   * Why binary was asked for but CSV staged: the columns without a binary encoding; empty when the
   * requested format was used (or {@link #copy} did not run).
   */
  public Optional<String> fallback() {
    return fallback;
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
  public Copied copy(Connection c, Warehouse warehouse, CopyInto into)
      throws SQLException, IOException {
    SqlIdentifier table = into.table();
    List<String> tableColumns = into.columns();
    long start = System.nanoTime();
    BlockingQueue<StagedPart> finished = new LinkedBlockingQueue<>();
    AtomicLong lastFileAt = new AtomicLong(start);
    FileEncoding encoding = encoding(c, table, tableColumns);
    Savepoint beforeCopy = c.setSavepoint();
    StagingJob job;
    try {
      Staging.prepare(fs, folder);
      job =
          StagingJob.start(
              input,
              folder,
              encoding,
              rollBytes,
              part -> {
                lastFileAt.set(System.nanoTime());
                finished.add(part);
              });
    } catch (IOException | RuntimeException e) {
      throw stagingFailed(e);
    }
    Loader loader = new Loader(c, warehouse, into, start);
    List<StagedPart> reported = new ArrayList<>();
    try {
      long listedAt = 0;
      while (true) {
        StagedPart part = finished.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (part == null && job.isDone()) {
          await(job);
          part = finished.poll();
          if (part == null) {
            break;
          }
        }
        if (part != null) {
          reported.add(part);
          for (StagedPart.File file : part.files()) {
            loader.load(new Path(file.path()), file.bytes());
          }
        } else if (System.nanoTime() - listedAt > LIST_INTERVAL_NANOS) {
          for (FileStatus file : closedFiles()) {
            loader.load(file.getPath(), file.getLen());
          }
          listedAt = System.nanoTime();
        }
      }
      Set<Path> successful = new HashSet<>();
      reported.forEach(p -> p.files().forEach(f -> successful.add(new Path(f.path()))));
      if (!successful.containsAll(loader.loaded)) {
        LOG.warn(
            "A staging task attempt that did not succeed wrote files in {} that were loaded"
                + " already; rolling back to before the first COPY and loading the files of the"
                + " successful attempts",
            folder);
        c.rollback(beforeCopy);
        restarted = true;
        loader = new Loader(c, warehouse, into, start);
        for (StagedPart p : reported) {
          for (StagedPart.File file : p.files()) {
            loader.load(new Path(file.path()), file.bytes());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the staged files in " + folder, e);
    } finally {
      job.cancel();
    }
    StagedFiles staged = StagedFiles.of(folder, reported, input.schema());
    LOG.info(
        "Staged {} rows in {} {} {} ({} bytes) at {}: Spark wrote them in {} s; COPY started"
            + " after {} s, took {} s in all, and ended {} s after the last file was written; {} s"
            + " from start to last COPY",
        staged.rows(),
        staged.files().size(),
        format.name().toLowerCase(Locale.ROOT),
        staged.files().size() == 1 ? "file" : "files",
        staged.bytes(),
        folder,
        seconds(lastFileAt.get() - start),
        seconds(loader.firstCopyAt == 0 ? 0 : loader.firstCopyAt - start),
        seconds(loader.copyNanos),
        seconds(Math.max(0, loader.lastCopyEnd - lastFileAt.get())),
        seconds(loader.lastCopyEnd - start));
    return new Copied(staged, loader.rows);
  }

  /**
   * Binary COPY for the types of the table's columns, unless CSV was asked for or a column's pair
   * of Spark and PostgreSQL type has no binary encoding (then CSV, which PostgreSQL converts).
   */
  private FileEncoding encoding(Connection c, SqlIdentifier table, List<String> tableColumns)
      throws SQLException {
    if (requested == StagingFormat.CSV) {
      return FileEncoding.csv(input.schema(), PostgresWarehouse.CSV_FORM);
    }
    List<String> types = CatalogTypes.of(c, table, tableColumns);
    fallback = PgBinaryEncoder.unsupported(input.schema(), types);
    if (fallback.isPresent()) {
      format = StagingFormat.CSV;
      LOG.info("Staging CSV instead of binary COPY files: {}", fallback.get());
      return FileEncoding.csv(input.schema(), PostgresWarehouse.CSV_FORM);
    }
    return FileEncoding.binary(input.schema(), types);
  }

  /**
   * Files that a running task closed: a task writes its files in sequence and opens the next only
   * after closing the last, so every file of an attempt but its highest-numbered is complete
   * (objects on S3 are not even listed before they are closed). Whether the attempt will succeed is
   * not known yet; the caller checks that when the job has ended.
   */
  private List<FileStatus> closedFiles() throws IOException {
    List<FileStatus> all = new ArrayList<>();
    Map<String, PartFileName> last = new HashMap<>();
    for (FileStatus status : fs.listStatus(folder)) {
      Optional<PartFileName> name = PartFileName.parse(status.getPath().getName());
      if (name.isPresent()) {
        all.add(status);
        last.merge(
            name.get().partition() + "/" + name.get().attempt(),
            name.get(),
            (a, b) -> a.sequence() >= b.sequence() ? a : b);
      }
    }
    List<FileStatus> closed = new ArrayList<>();
    for (FileStatus status : all) {
      PartFileName name = PartFileName.parse(status.getPath().getName()).orElseThrow();
      if (last.get(name.partition() + "/" + name.attempt()).sequence() > name.sequence()) {
        closed.add(status);
      }
    }
    closed.sort(Comparator.comparing(st -> st.getPath().getName()));
    return closed;
  }

  /** COPYs files one at a time, each at most once, and keeps the count and the timings. */
  private final class Loader {
    private final Connection c;
    private final Warehouse warehouse;
    private final CopyInto into;
    private final Set<Path> loaded = new HashSet<>();
    private long rows;
    private long copyNanos;
    private long firstCopyAt;
    private long lastCopyEnd;

    Loader(Connection c, Warehouse warehouse, CopyInto into, long start) {
      this.c = c;
      this.warehouse = warehouse;
      this.into = into;
      this.lastCopyEnd = start;
    }

    void load(Path file, long bytes) throws SQLException, IOException {
      if (!loaded.add(file)) {
        return;
      }
      long copyStart = System.nanoTime();
      firstCopyAt = firstCopyAt == 0 ? copyStart : firstCopyAt;
      rows +=
          warehouse.copy(
              c,
              into,
              new StagedFiles(folder, List.of(new StagedFile(file, bytes)), 0, columns(), Map.of()),
              fs);
      lastCopyEnd = System.nanoTime();
      copyNanos += lastCopyEnd - copyStart;
    }
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
        "cannot stage the input as "
            + format.name().toLowerCase(Locale.ROOT)
            + " files in "
            + folder
            + ": "
            + Redactor.global().redact(String.valueOf(e.getMessage())),
        e);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }
}
