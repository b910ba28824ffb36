package io.ferry.transform.sql;

import static java.util.Objects.requireNonNull;

import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.core.stage.StandardFailureCode;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One {@code sql} stage. Its output is Spark's lazy plan for the statement: nothing runs until a
 * later stage consumes it, and the runner counts its rows then.
 */
public final class SqlTransformStage implements Stage, ExplainsPlan, ChecksReadiness {
  private final String name;
  private final SqlSource source;

  SqlTransformStage(String name, SqlSource source) {
    this.name = requireNonNull(name, "name");
    this.source = requireNonNull(source, "source");
  }

  /**
   * @throws SqlTransformException naming the stage (and the file) and quoting Spark's message with
   *     the position when the statement does not parse or names unknown views, columns or functions
   * @throws IllegalArgumentException naming the stage for an unknown {@code ${params.x}}
   */
  @Override
  public StageOutput run(StageContext context) {
    String text;
    try {
      text = source.text(context.lake());
    } catch (RuntimeException e) {
      throw StageFailure.about(
          "sql-file",
          StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
          e.getMessage()
              + "; write the path relative to the job file or as a full URI, and make sure the"
              + " run can read it (`ferry check <job>` tries)");
    }
    String sql = SqlParams.substitute(text, context.run().params());
    Dataset<Row> result;
    try {
      result = context.spark().sql(sql);
    } catch (Exception e) {
      throw new SqlTransformException(
          source.file().isPresent() ? "sql-file" : "sql",
          "Spark SQL rejected the statement"
              + source.file().map(f -> " in " + f).orElse("")
              + ": "
              + SqlErrors.analysisMessage(e));
    }
    source.file().ifPresent(f -> context.metrics().put("sql-file", f));
    return StageOutput.of(result);
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of("temp views named in the SQL"),
        List.of("temp view " + name),
        List.of(source.describe()));
  }

  @Override
  public void check(PreflightContext context) {
    SqlFileReadiness.check(source, context);
  }
}
