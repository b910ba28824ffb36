package io.ferry.transform.sql;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.List;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.execution.SparkSqlParser;

/**
 * The {@code sql} stage type: one Spark SQL statement over the datasets of earlier stages, each a
 * temp view named after its stage.
 */
public final class SqlTransformFactory implements StageFactory {
  public static final String TYPE = "sql";

  static final StageOption<String> SQL =
      StageOption.string(
              "sql",
              "One Spark SQL query over earlier stages' outputs, each a temp view named after its"
                  + " stage.")
          .required();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Runs one Spark SQL query over earlier stages' outputs; its result is this stage's"
        + " dataset.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(SQL);
  }

  /**
   * Checks the statement's syntax with Spark's own parser, which needs no session, so syntax errors
   * show up with every other config problem before Spark starts. Names are resolved only at run.
   */
  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    String sql = spec.options().get(SQL);
    if (sql.isBlank()) {
      problems.add(SQL, "is empty");
      return;
    }
    try {
      new SparkSqlParser().parsePlan(sql);
    } catch (Exception e) {
      // Scala declares no checked exceptions, so javac cannot see that ParseException escapes.
      if (!(e instanceof ParseException parse)) {
        throw e;
      }
      problems.add(SQL, SqlErrors.message(parse));
    }
  }

  @Override
  public Stage create(StageSpec spec) {
    return new SqlTransformStage(spec.name(), spec.options().get(SQL));
  }
}
