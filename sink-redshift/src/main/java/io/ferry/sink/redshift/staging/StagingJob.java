package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import io.ferry.core.secret.Redactor;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.FutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.immutable.Range$;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The Spark job that stages a dataset as CSV or binary COPY files ({@link FileEncoding}): one
 * {@link PartWriter} task per partition of the dataset's internal rows (no conversion to external
 * {@code Row}s), or of its scan's columnar batches when the dataset is a plain scan of a columnar
 * source such as Parquet ({@link #columnarScan}). It runs asynchronously; the driver learns of each
 * successful task's file ({@link StagedPart}) the moment the task finished, on Spark's scheduler
 * thread, so the handler must only hand the part on.
 */
public final class StagingJob {
  private static final long CANCEL_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

  private final FutureAction<BoxedUnit> future;
  private final int tasks;

  private StagingJob(FutureAction<BoxedUnit> future, int tasks) {
    this.future = future;
    this.tasks = tasks;
  }

  /**
   * Submits the job; {@code onPart} receives each successful task's part. The folder must exist and
   * hold nothing an earlier attempt left (see {@link Staging#prepare}).
   *
   * @param encoding the files' format (its schema is the input's)
   * @param rollBytes after how many bytes a task starts its next file ({@link Long#MAX_VALUE}: one
   *     file per task)
   */
  public static StagingJob start(
      Dataset<Row> input,
      Path folder,
      FileEncoding encoding,
      long rollBytes,
      Consumer<StagedPart> onPart) {
    requireNonNull(onPart, "onPart");
    SparkContext sc = input.sparkSession().sparkContext();
    if (!encoding.schema().equals(input.schema())) {
      throw new IllegalArgumentException("the encoding's schema is not the input's");
    }
    PartWriter writer =
        new PartWriter(
            encoding,
            folder.toString(),
            JavaSparkContext.fromSparkContext(sc)
                .broadcast(new HadoopConf(sc.hadoopConfiguration())),
            rollBytes);
    AbstractFunction2<Object, StagedPart, BoxedUnit> handler =
        new AbstractFunction2<>() {
          @Override
          public BoxedUnit apply(Object partition, StagedPart part) {
            onPart.accept(part);
            return BoxedUnit.UNIT;
          }
        };
    Optional<SparkPlan> scan = columnarScan(input);
    if (scan.isPresent()) {
      RDD<ColumnarBatch> batches = scan.get().executeColumnar();
      int partitions = batches.getNumPartitions();
      return new StagingJob(
          sc.submitJob(
              batches, writer.forBatches(), Range$.MODULE$.apply(0, partitions), handler, NOTHING),
          partitions);
    }
    RDD<InternalRow> rows = input.queryExecution().toRdd();
    int partitions = rows.getNumPartitions();
    return new StagingJob(
        sc.submitJob(rows, writer, Range$.MODULE$.apply(0, partitions), handler, NOTHING),
        partitions);
  }

  private static final AbstractFunction0<BoxedUnit> NOTHING =
      new AbstractFunction0<>() {
        @Override
        public BoxedUnit apply() {
          return BoxedUnit.UNIT;
        }
      };

  /**
   * The columnar scan under the input's plan when the plan is nothing else: {@code ColumnarToRow}
   * (in whole-stage code) over a scan that produces batches, such as Parquet's vectorized reader,
   * with the input's column names and types in order. Its batches are then encoded in place ({@link
   * BatchRows}) instead of copied into rows first. Empty for any other plan (a filter, a
   * projection, a join, adaptive execution...), which runs as rows.
   */
  static Optional<SparkPlan> columnarScan(Dataset<Row> input) {
    SparkPlan plan = input.queryExecution().executedPlan();
    if (plan instanceof WholeStageCodegenExec codegen) {
      plan = codegen.child();
    }
    if (!(plan instanceof ColumnarToRowExec toRows)) {
      return Optional.empty();
    }
    SparkPlan scan = toRows.child();
    if (scan instanceof InputAdapter adapter) {
      scan = adapter.child();
    }
    if (!scan.supportsColumnar() || !sameColumns(scan.schema(), input.schema())) {
      return Optional.empty();
    }
    return Optional.of(scan);
  }

  private static boolean sameColumns(StructType a, StructType b) {
    StructField[] x = a.fields();
    StructField[] y = b.fields();
    if (x.length != y.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (!x[i].name().equals(y[i].name()) || !x[i].dataType().equals(y[i].dataType())) {
        return false;
      }
    }
    return true;
  }

  /** How many tasks, so files, the job has. */
  public int tasks() {
    return tasks;
  }

  /**
   * Whether the job ended, successfully or not. Once it did, every successful task's part has been
   * handed to the handler.
   */
  public boolean isDone() {
    return future.isCompleted();
  }

  /**
   * Waits for the job to end.
   *
   * @throws IllegalStateException when a task failed (after Spark's retries) or the job was
   *     cancelled
   */
  public void await() {
    try {
      future.get();
    } catch (SparkException e) {
      throw failure(e);
    }
  }

  /**
   * The job's failure in a line a user can act on: the failed task's own exception when Spark kept
   * it, rather than Spark's message with the executor's stack trace in it.
   */
  private static IllegalStateException failure(SparkException e) {
    String reason =
        e.getCause() != null
            ? Redactor.global().describe(e.getCause())
            : Redactor.global().redact(e.getMessage().lines().findFirst().orElse(""));
    return new IllegalStateException("the Spark job writing the files failed: " + reason, e);
  }

  /** Cancels the job unless it ended, and waits (a while) until its tasks stopped. */
  public void cancel() {
    if (future.isCompleted()) {
      return;
    }
    future.cancel();
    long deadline = System.currentTimeMillis() + CANCEL_WAIT_MILLIS;
    boolean interrupted = false;
    while (!future.isCompleted() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
