package io.ferry.transform.sql;

import static java.util.Objects.requireNonNull;

import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One {@code sql} stage. Its output is Spark's lazy plan for the statement: nothing runs until a
 * later stage consumes it, so it records no row counts.
 */
public final class SqlTransformStage implements Stage, ExplainsPlan {
  private final String name;
  private final String sql;

  SqlTransformStage(String name, String sql) {
    this.name = requireNonNull(name, "name");
    this.sql = requireNonNull(sql, "sql");
  }

  /**
   * @throws SqlTransformException naming the stage and quoting Spark's message when the statement
   *     does not parse or names unknown views, columns or functions
   */
  @Override
  public StageOutput run(StageContext context) {
    Dataset<Row> result;
    try {
      result = context.spark().sql(sql);
    } catch (Exception e) {
      // Scala declares no checked exceptions, so javac cannot see that AnalysisException escapes.
      if (!(e instanceof AnalysisException analysis)) {
        throw e;
      }
      throw new SqlTransformException(
          "stage '" + name + "': Spark SQL rejected the statement: " + SqlErrors.message(analysis));
    }
    return StageOutput.of(result);
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of("temp views named in the SQL"), List.of("temp view " + name), List.of(sql));
  }
}
