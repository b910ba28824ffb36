package io.ferry.testkit;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * Test-only stage type {@code test-sql}: the result of a Spark SQL query as a dataset, for the
 * tests of modules that must not depend on the {@code transform} module's {@code sql} stage. Not
 * registered by the testkit itself: a module that wants it lists {@code
 * io.ferry.testkit.SqlStageFactory} in its {@code src/test/resources/META-INF/services/
 * io.ferry.core.stage.StageFactory}.
 */
public final class SqlStageFactory implements StageFactory {
  static final StageOption<String> SQL = StageOption.string("sql", "Query to run.").required();

  @Override
  public String type() {
    return "test-sql";
  }

  @Override
  public String description() {
    return "Runs a Spark SQL query (tests only).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(SQL);
  }

  @Override
  public Stage create(StageSpec spec) {
    String sql = spec.options().get(SQL);
    return context -> StageOutput.of(context.spark().sql(sql));
  }
}
