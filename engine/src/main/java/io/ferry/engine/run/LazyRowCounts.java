package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Counts the rows of stage outputs that no stage counted (a lazy {@code sql} stage, every {@code
 * TransformStageFactory} stage) while later stages consume them, without a Spark job of its own:
 * the output carries a Spark observed metric ({@link Dataset#observe}), and every query that runs
 * it reports the rows that passed through.
 *
 * <p>A consumer that stops early (a {@code LIMIT}, a {@code head}) sees fewer rows than one that
 * reads the whole output, and every whole read sees them all; so the count is the largest any query
 * of the run saw. An output that no query of the run reads has no count. Open one per run on the
 * driver, {@link #close} it after Spark's listener bus has drained.
 */
final class LazyRowCounts implements QueryExecutionListener, AutoCloseable {
  private static final String COLUMN = "rows";

  private final SparkSession spark;
  private final String prefix;
  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  LazyRowCounts(SparkSession spark, String runId) {
    this.spark = requireNonNull(spark, "spark");
    this.prefix = "ferry_rows_" + Integer.toHexString(runId.hashCode()) + "_";
    spark.listenerManager().register(this);
  }

  /** The output of stage {@code stageName}, counting its rows whenever a query runs it. */
  Dataset<Row> counted(String stageName, Dataset<Row> output) {
    return output.observe(
        prefix + stageName.toLowerCase(), functions.count(functions.lit(1)).as(COLUMN));
  }

  /** The most rows any query of the run saw pass out of stage {@code stageName}. */
  OptionalLong rows(String stageName) {
    Long rows = counts.get(prefix + stageName.toLowerCase());
    return rows == null ? OptionalLong.empty() : OptionalLong.of(rows);
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    scala.collection.Iterator<scala.Tuple2<String, Row>> metrics = qe.observedMetrics().iterator();
    while (metrics.hasNext()) {
      scala.Tuple2<String, Row> metric = metrics.next();
      if (metric._1().startsWith(prefix)) {
        counts.merge(metric._1(), metric._2().<Long>getAs(COLUMN), Math::max);
      }
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

  @Override
  public void close() {
    spark.listenerManager().unregister(this);
  }
}
