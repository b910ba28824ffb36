package io.ferry.transform.check;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.SparkChecks;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * The {@code check} stage type: data-quality expectations on its input. Its output is its input, so
 * a load placed after it loads the checked rows.
 */
public final class CheckFactory implements StageFactory, SparkChecks {
  public static final String TYPE = "check";

  static final StageOption<List<Expectation>> EXPECTATIONS =
      StageOption.of(
              "expectations",
              Expectations.TYPE,
              "The expectations, each { type = row-count | not-null | unique | accepted-values |"
                  + " sql, level = fail | warn (default fail), ... }; see docs/transform.md.")
          .required();

  static final StageOption<Integer> SAMPLE_ROWS =
      StageOption.integer(
              "sample-rows", "Failing rows shown per expectation in the run report and log.")
          .between(0, 100)
          .withDefault(5);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Checks data-quality expectations on its input; a failed expectation of level fail"
        + " stops the job before any later stage. Outputs its input unchanged.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(EXPECTATIONS, SAMPLE_ROWS);
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  /** The conditions and queries of {@code sql} expectations parse. */
  @Override
  public void checkWithSpark(StageSpec spec, StageProblems problems) {
    Expectations.syntaxErrors(spec.options().get(EXPECTATIONS), problems::add);
  }

  @Override
  public Stage create(StageSpec spec) {
    return new CheckStage(
        spec.name(), spec.options().get(EXPECTATIONS), spec.options().get(SAMPLE_ROWS));
  }
}
