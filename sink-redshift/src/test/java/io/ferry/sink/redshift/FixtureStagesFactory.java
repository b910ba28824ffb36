package io.ferry.sink.redshift;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * Test-only stage type {@code test-step}: advances its watermark to {@code watermark} when set, and
 * fails with {@code fail} when set. It stands in for an ingest stage and for a stage that fails
 * after the load committed.
 */
public final class FixtureStagesFactory implements StageFactory {
  static final StageOption<String> WATERMARK =
      StageOption.string("watermark", "Watermark to commit with the run.").optional();
  static final StageOption<String> FAIL = StageOption.string("fail", "Failure message.").optional();

  @Override
  public String type() {
    return "test-step";
  }

  @Override
  public String description() {
    return "Advances a watermark or fails (tests only).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(WATERMARK, FAIL);
  }

  @Override
  public Stage create(StageSpec spec) {
    var watermark = spec.options().find(WATERMARK);
    var fail = spec.options().find(FAIL);
    return context -> {
      watermark.ifPresent(context.watermarks()::advanceOnCommit);
      if (fail.isPresent()) {
        throw new IllegalStateException(fail.get());
      }
      return StageOutput.none();
    };
  }
}
