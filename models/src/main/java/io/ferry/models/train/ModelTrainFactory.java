package io.ferry.models.train;

import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.SparkChecks;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code model-train} stage type: trains a Spark ML pipeline on its input and saves it with
 * {@code ferry-model.json} under a version folder, for local prototyping of the models that {@code
 * model-score} applies.
 */
public final class ModelTrainFactory implements StageFactory, SparkChecks {
  public static final String TYPE = "model-train";

  static final StageOption<List<SqlIdentifier>> FEATURES =
      StageOption.columns("features", "Numeric (or boolean) feature columns.").optional();
  static final StageOption<List<SqlIdentifier>> CATEGORICAL =
      StageOption.columns(
              "categorical", "String feature columns, one-hot encoded (unseen values allowed).")
          .optional();
  static final StageOption<SqlIdentifier> LABEL =
      StageOption.column(
              "label", "Label column: 0/1 or boolean for classifiers, a number for regression.")
          .required();
  static final StageOption<EstimatorKind> ESTIMATOR =
      StageOption.enumOf("estimator", EstimatorKind.class, "The Spark ML estimator.")
          .withDefault(EstimatorKind.LOGISTIC_REGRESSION);
  static final StageOption<Map<String, String>> PARAMS =
      StageOption.stringMap(
              "params",
              "Estimator parameters by Spark ML name, e.g. { maxIter = 20, regParam = 0.01 } or {"
                  + " numTrees = 20, maxDepth = 4 }.")
          .optional();
  static final StageOption<Double> TEST_FRACTION =
      StageOption.decimal("test-fraction", "Share of rows held out to compute the metrics.")
          .withDefault(0.2);
  static final StageOption<Long> SEED =
      StageOption.longInt("seed", "Seed of the train/test split and of randomised estimators.")
          .withDefault(42L);
  static final StageOption<String> OUTPUT =
      StageOption.string(
              "output",
              "Folder of the model's versions: relative to lake.root (models/churn), an absolute"
                  + " path or a URI. The model goes to <output>/version=<version>/.")
          .required();
  static final StageOption<String> VERSION =
      StageOption.string("version", "The version folder's name; default: the run id.").optional();
  static final StageOption<String> MODEL_NAME =
      StageOption.string("model-name", "Name in ferry-model.json; default: the stage name.")
          .optional();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Trains a Spark ML model on its input (numeric and one-hot categorical features) and"
        + " saves it with ferry-model.json (metrics on held-out rows) under a version folder.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(
        FEATURES,
        CATEGORICAL,
        LABEL,
        ESTIMATOR,
        PARAMS,
        TEST_FRACTION,
        SEED,
        OUTPUT,
        VERSION,
        MODEL_NAME);
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    OptionValues o = spec.options();
    if (!o.isSet(FEATURES) && !o.isSet(CATEGORICAL)) {
      problems.add(FEATURES, "name at least one feature column in 'features' or 'categorical'");
    }
    Set<String> seen = new HashSet<>();
    seen.add(o.get(LABEL).name().toLowerCase(Locale.ROOT));
    for (var option : List.of(FEATURES, CATEGORICAL)) {
      for (String c : names(o.find(option).orElse(List.of()))) {
        if (!seen.add(c.toLowerCase(Locale.ROOT))) {
          problems.add(
              option, "'" + c + "' appears twice (or is the label); each column is used once");
        }
        if (c.startsWith(Training.PREFIX)) {
          problems.add(
              option, "'" + c + "': names starting with " + Training.PREFIX + " are Ferry's");
        }
      }
    }
    double fraction = o.get(TEST_FRACTION);
    if (!(fraction > 0 && fraction < 1)) {
      problems.add(TEST_FRACTION, "must be above 0 and below 1, found " + fraction);
    }
    o.find(VERSION)
        .filter(v -> !v.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}"))
        .ifPresent(
            v ->
                problems.add(
                    VERSION,
                    "'" + v + "' is not a valid version: use letters, digits, '.', '_' and '-'"));
  }

  /** Each of {@code params} is a parameter of the estimator, with a value it accepts. */
  @Override
  public void checkWithSpark(StageSpec spec, StageProblems problems) {
    OptionValues o = spec.options();
    for (String problem :
        EstimatorParams.problems(o.get(ESTIMATOR), o.find(PARAMS).orElse(Map.of()))) {
      problems.add(
          "params." + problem.substring(0, problem.indexOf(':')),
          problem.substring(problem.indexOf(':') + 2));
    }
  }

  private static List<String> names(List<SqlIdentifier> columns) {
    return columns.stream().map(SqlIdentifier::name).toList();
  }

  @Override
  public Stage create(StageSpec spec) {
    OptionValues o = spec.options();
    TrainingSpec training =
        new TrainingSpec(
            names(o.find(FEATURES).orElse(List.of())),
            names(o.find(CATEGORICAL).orElse(List.of())),
            o.get(LABEL).name(),
            o.get(ESTIMATOR),
            o.find(PARAMS).orElse(Map.of()),
            o.get(TEST_FRACTION),
            o.get(SEED));
    return new ModelTrainStage(
        spec.name(),
        training,
        o.get(OUTPUT),
        o.find(VERSION),
        o.find(MODEL_NAME).orElse(spec.name()));
  }
}
