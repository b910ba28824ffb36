package io.ferry.core.stage;

import io.ferry.core.option.OptionValues;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shortest way to add a stage type: a transform from one dataset to another, configured by
 * declared options. Implement {@link #type()}, {@link #description()}, {@link #options()} and
 * {@link #transform}; register the class in {@code
 * META-INF/services/io.ferry.core.stage.StageFactory} like any factory.
 *
 * <pre>{@code
 * public final class UpperCaseFactory implements TransformStageFactory {
 *   static final StageOption<String> COLUMN = StageOption.string("column", "Column to upper-case.").required();
 *   public String type() { return "upper-case"; }
 *   public String description() { return "Upper-cases one string column."; }
 *   public List<StageOption<?>> options() { return List.of(COLUMN); }
 *   public Dataset<Row> transform(Dataset<Row> input, OptionValues options) {
 *     String c = options.get(COLUMN);
 *     return input.withColumn(c, functions.upper(input.col(c)));
 *   }
 * }
 * }</pre>
 *
 * <p>The stage reads its {@code input} (default: the previous stage's output) and registers the
 * returned dataset under its name. Checks of option values beyond their types belong in {@link
 * StageFactory#validate}, which runs before Spark starts.
 */
public interface TransformStageFactory extends StageFactory {

  /**
   * Builds the output from the input. Called once per run on the driver, in job order; the input's
   * {@code sparkSession()} is the run's session. Keep it lazy where possible: return a plan, let a
   * later stage run it. Exceptions fail the stage; their messages reach users, so name what is
   * wrong (a missing column, a bad value) and never a secret.
   *
   * @param options the stage's validated options, read with the factory's declared {@code
   *     StageOption} constants
   */
  Dataset<Row> transform(Dataset<Row> input, OptionValues options);

  /** Transforms always read an input. */
  @Override
  default boolean readsInput() {
    return true;
  }

  /** A stage that applies {@link #transform} to its input. */
  @Override
  default Stage create(StageSpec spec) {
    OptionValues options = spec.options();
    return context -> StageOutput.of(transform(context.input(), options));
  }
}
