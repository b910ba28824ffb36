package io.ferry.engine.run;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.View;
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
 *
 * <p>An output that only selects from its sources is not counted: see {@link #onlySelects}.
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

  /**
   * The output of stage {@code stageName}, counting its rows whenever a query runs it; or the
   * output itself, uncounted, when it only selects from its sources ({@link #onlySelects}).
   */
  Dataset<Row> counted(String stageName, Dataset<Row> output) {
    if (onlySelects(output.queryExecution().analyzed())) {
      return output;
    }
    return output.observe(
        prefix + stageName.toLowerCase(), functions.count(functions.lit(1)).as(COLUMN));
  }

  /**
   * Whether a plan only projects and filters relations (a {@code lake-read}, a {@code SELECT ...
   * WHERE} of one). Spark pushes no filter through an observation, so counting such an output would
   * stop a later stage's filters from reaching the scan (partition pruning, Parquet and JDBC filter
   * pushdown); such outputs stay uncounted. A join, an aggregate or a sort is counted: later
   * filters still reach the scans' own stage's filters, only not through that operator.
   */
  static boolean onlySelects(LogicalPlan plan) {
    if (plan.children().isEmpty()) {
      return true;
    }
    if (!(plan instanceof Project
        || plan instanceof Filter
        || plan instanceof SubqueryAlias
        || plan instanceof View)) {
      return false;
    }
    scala.collection.Iterator<LogicalPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      if (!onlySelects(children.next())) {
        return false;
      }
    }
    return true;
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
