package io.ferry.examples.mask;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/** Test-only stage type {@code test-rows}: a dataset from one SQL query, to feed the stage. */
public final class TestRowsFactory implements StageFactory {
  static final StageOption<String> SQL = StageOption.string("sql", "The query.").required();

  @Override
  public String type() {
    return "test-rows";
  }

  @Override
  public String description() {
    return "Rows from one SQL query (tests only).";
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
