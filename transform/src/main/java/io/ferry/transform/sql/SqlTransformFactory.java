package io.ferry.transform.sql;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.SparkChecks;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sql} stage type: one Spark SQL statement over the datasets of earlier stages, each a
 * temp view named after its stage, written inline or in a file, with {@code ${params.x}}
 * placeholders.
 */
public final class SqlTransformFactory implements StageFactory, SparkChecks {
  public static final String TYPE = "sql";

  static final StageOption<String> SQL =
      StageOption.string(
              "sql",
              "One Spark SQL query over earlier stages' outputs, each a temp view named after its"
                  + " stage. ${params.x} is replaced by the run parameter x.")
          .optional();

  static final StageOption<String> SQL_FILE =
      StageOption.string(
              "sql-file",
              "A file holding the query instead of 'sql': relative to the job file's folder, an"
                  + " absolute path, or a URI (s3://bucket/sql/x.sql).")
          .optional();

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
    return List.of(SQL, SQL_FILE);
  }

  @Override
  public List<OptionRule> rules() {
    return List.of(OptionRule.exactlyOneOf(SQL, SQL_FILE));
  }

  /**
   * Checks inline SQL's syntax with Spark's own parser, which needs no session, so syntax errors
   * show up with every other config problem before Spark starts. SQL with {@code ${params.x}}
   * placeholders and SQL files are parsed at run, after substitution; names resolve only at run.
   */
  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    Optional<String> sql = spec.options().find(SQL);
    if (sql.isEmpty()) {
      spec.options()
          .find(SQL_FILE)
          .filter(String::isBlank)
          .ifPresent(f -> problems.add(SQL_FILE, "is empty"));
      return;
    }
    if (sql.get().isBlank()) {
      problems.add(SQL, "is empty");
    }
  }

  /** Inline SQL without {@code ${params.*}} placeholders must parse. */
  @Override
  public void checkWithSpark(StageSpec spec, StageProblems problems) {
    spec.options()
        .find(SQL)
        .filter(sql -> !sql.isBlank() && !SqlParams.hasPlaceholders(sql))
        .flatMap(SqlErrors::syntaxError)
        .ifPresent(m -> problems.add(SQL, m));
  }

  @Override
  public Stage create(StageSpec spec) {
    SqlSource source =
        spec.options()
            .find(SQL)
            .map(SqlSource::inline)
            .orElseGet(() -> SqlSource.file(spec.resolve(spec.options().get(SQL_FILE))));
    return new SqlTransformStage(spec.name(), source);
  }
}
