package io.ferry.bench.load;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * Stage type {@code bench-parquet}: a Parquet folder of the lake as a dataset, the benchmark's
 * input stage. The benchmark registers only this type and {@code redshift-load}, so it measures the
 * load and nothing else on the classpath.
 */
final class ParquetInputFactory implements StageFactory {
  static final StageOption<String> PATH =
      StageOption.string("path", "Parquet folder to read.").required();

  @Override
  public String type() {
    return "bench-parquet";
  }

  @Override
  public String description() {
    return "Reads a Parquet folder (benchmark input).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(PATH);
  }

  @Override
  public Stage create(StageSpec spec) {
    String path = spec.options().get(PATH);
    return context -> StageOutput.of(context.spark().read().parquet(path));
  }
}
