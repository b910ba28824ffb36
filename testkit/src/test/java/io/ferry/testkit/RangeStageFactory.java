package io.ferry.testkit;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * Test-only stage type {@code range}: the numbers 0 to rows - 1 in a column {@code id}; with {@code
 * fail} set it throws instead.
 */
public final class RangeStageFactory implements StageFactory {
  static final StageOption<Long> ROWS =
      StageOption.longInt("rows", "How many rows to produce.").withDefault(10L);
  static final StageOption<String> FAIL =
      StageOption.string("fail", "When set, the stage throws with this message.").optional();

  @Override
  public String type() {
    return "range";
  }

  @Override
  public String description() {
    return "Produces the numbers 0 to rows - 1 (tests only).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(ROWS, FAIL);
  }

  @Override
  public Stage create(StageSpec spec) {
    long rows = spec.options().get(ROWS);
    var fail = spec.options().find(FAIL);
    return context -> {
      if (fail.isPresent()) {
        throw new IllegalStateException(fail.get());
      }
      context.metrics().rowsOut(rows);
      return StageOutput.of(context.spark().range(rows).toDF());
    };
  }
}
