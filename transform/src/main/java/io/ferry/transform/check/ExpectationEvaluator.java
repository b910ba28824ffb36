package io.ferry.transform.check;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.transform.sql.SqlErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Evaluates expectations over one dataset with as few passes as it can: one aggregation for the row
 * count and every per-row expectation (not-null, accepted-values, sql condition), one grouping per
 * {@code unique}, one query per {@code sql query}, and a small {@code LIMIT} read for the samples
 * of each failed expectation.
 */
final class ExpectationEvaluator {
  private static final String ROWS = "__ferry_rows";

  private final SparkSession spark;
  private final int sampleRows;

  ExpectationEvaluator(SparkSession spark, int sampleRows) {
    this.spark = spark;
    this.sampleRows = sampleRows;
  }

  /**
   * @throws IllegalArgumentException naming the expectation when Spark rejects a column, condition
   *     or query (unknown column, wrong type)
   */
  List<ExpectationResult> evaluate(Dataset<Row> input, List<Expectation> expectations) {
    Map<Integer, Column> failing = new LinkedHashMap<>();
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as(ROWS));
    for (int i = 0; i < expectations.size(); i++) {
      Column predicate = failingRows(input, i, expectations.get(i));
      if (predicate != null) {
        failing.put(i, predicate);
        aggregates.add(sum(when(predicate, 1L).otherwise(0L)).as("__ferry_e" + i));
      }
    }
    Row totals = analysed(-1, null, () -> input.agg(aggregates.get(0), tail(aggregates)).first());
    long rows = totals.getLong(0);
    List<ExpectationResult> results = new ArrayList<>();
    for (int i = 0; i < expectations.size(); i++) {
      Expectation e = expectations.get(i);
      ExpectationResult result;
      if (e instanceof Expectation.RowCount rc) {
        boolean ok =
            (rc.min().isEmpty() || rows >= rc.min().getAsLong())
                && (rc.max().isEmpty() || rows <= rc.max().getAsLong());
        result = new ExpectationResult(i, e, ok ? 0 : 1, rows, List.of());
      } else if (e instanceof Expectation.Unique u) {
        result = unique(input, i, u);
      } else if (e instanceof Expectation.SqlQuery q) {
        result = query(i, q);
      } else {
        int column = 1 + new ArrayList<>(failing.keySet()).indexOf(i);
        long bad = totals.isNullAt(column) ? 0 : totals.getLong(column);
        List<Map<String, String>> samples =
            bad == 0 ? List.of() : samples(input.filter(failing.get(i)));
        result = new ExpectationResult(i, e, bad, bad, samples);
      }
      results.add(result);
    }
    return results;
  }

  /** The predicate true for a failing row, or null for expectations that are not per row. */
  private Column failingRows(Dataset<Row> input, int index, Expectation e) {
    Column predicate;
    if (e instanceof Expectation.NotNull n) {
      predicate = lit(false);
      for (String c : n.columns()) {
        predicate = predicate.or(column(input, index, e, c).isNull());
      }
    } else if (e instanceof Expectation.AcceptedValues a) {
      Column c = column(input, index, e, a.column());
      predicate = c.isNotNull().and(not(c.isin(a.values().toArray())));
    } else if (e instanceof Expectation.SqlCondition s) {
      predicate = not(coalesce(expr(s.condition()), lit(false)));
    } else {
      return null;
    }
    Column built = predicate;
    analysed(index, e, () -> input.select(built));
    return predicate;
  }

  private ExpectationResult unique(Dataset<Row> input, int index, Expectation.Unique u) {
    List<Column> keys = new ArrayList<>();
    for (String c : u.columns()) {
      keys.add(column(input, index, u, c));
    }
    Dataset<Row> duplicates =
        analysed(
            index,
            u,
            () ->
                input
                    .groupBy(keys.toArray(new Column[0]))
                    .count()
                    .withColumnRenamed("count", "rows")
                    .filter(col("rows").gt(1)));
    long bad = duplicates.count();
    return new ExpectationResult(
        index, u, bad, bad, bad == 0 ? List.of() : samples(duplicates.orderBy(col("rows").desc())));
  }

  private ExpectationResult query(int index, Expectation.SqlQuery q) {
    Dataset<Row> rows = analysed(index, q, () -> spark.sql(q.query()));
    long bad = rows.count();
    return new ExpectationResult(index, q, bad, bad, bad == 0 ? List.of() : samples(rows));
  }

  private Column column(Dataset<Row> input, int index, Expectation e, String name) {
    String quoted = SqlIdentifier.parse(name).backticked();
    return analysed(index, e, () -> input.col(quoted));
  }

  private List<Map<String, String>> samples(Dataset<Row> rows) {
    List<Map<String, String>> out = new ArrayList<>();
    String[] names = rows.columns();
    for (Row row : rows.limit(sampleRows).collectAsList()) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], row.isNullAt(i) ? null : String.valueOf(row.get(i)));
      }
      out.add(m);
    }
    return out;
  }

  /** Runs a Spark call, turning an analysis error into one that names the expectation. */
  private <T> T analysed(int index, Expectation e, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (Exception ex) {
      String message = SqlErrors.analysisMessage(ex);
      throw new IllegalArgumentException(
          (e == null ? "" : "expectations[" + index + "] " + e.label() + ": ")
              + "Spark SQL rejected it: "
              + message);
    }
  }

  private static Column[] tail(List<Column> columns) {
    return columns.subList(1, columns.size()).toArray(new Column[0]);
  }
}
