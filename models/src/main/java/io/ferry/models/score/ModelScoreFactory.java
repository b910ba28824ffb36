package io.ferry.models.score;

import io.ferry.core.option.OptionType;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/** The {@code model-score} stage type: applies a saved Spark ML {@code PipelineModel}. */
public final class ModelScoreFactory implements StageFactory {
  public static final String TYPE = "model-score";

  static final StageOption<String> MODEL =
      StageOption.string(
              "model",
              "The model: a folder of versions written by model-train (the latest committed one is"
                  + " used), one version folder, or a bare PipelineModel folder; relative to"
                  + " lake.root, an absolute path, or a URI (s3://bucket/models/churn).")
          .required();
  static final StageOption<String> VERSION =
      StageOption.string("version", "The version to use instead of the latest.").optional();
  static final StageOption<List<ScoreOutput>> OUTPUTS =
      StageOption.of(
              "outputs",
              OptionType.enumListOf(ScoreOutput.class),
              "Columns to add: prediction, probability (binary classifiers: the probability of"
                  + " class 1, as a double).")
          .withDefault(List.of(ScoreOutput.PREDICTION, ScoreOutput.PROBABILITY));
  static final StageOption<SqlIdentifier> PREDICTION_COLUMN =
      StageOption.column("prediction-column", "Name of the prediction column.")
          .withDefault(SqlIdentifier.of("prediction"));
  static final StageOption<SqlIdentifier> PROBABILITY_COLUMN =
      StageOption.column("probability-column", "Name of the probability column.")
          .withDefault(SqlIdentifier.of("probability"));

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Scores its input with a saved Spark ML PipelineModel after checking the input has every"
        + " column the model needs; adds the prediction and probability columns.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(MODEL, VERSION, OUTPUTS, PREDICTION_COLUMN, PROBABILITY_COLUMN);
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    var o = spec.options();
    if (o.get(MODEL).isBlank()) {
      problems.add(MODEL, "is empty");
    }
    if (o.get(OUTPUTS).isEmpty()) {
      problems.add(OUTPUTS, "is empty: name prediction, probability or both");
    }
    for (var column : List.of(PREDICTION_COLUMN, PROBABILITY_COLUMN)) {
      String c = o.get(column).name();
      if (c.startsWith("__ferry_")) {
        problems.add(column, "'" + c + "' is not a usable column name");
      }
    }
    if (o.get(PREDICTION_COLUMN).name().equalsIgnoreCase(o.get(PROBABILITY_COLUMN).name())) {
      problems.add(PROBABILITY_COLUMN, "must differ from prediction-column");
    }
  }

  @Override
  public Stage create(StageSpec spec) {
    var o = spec.options();
    return new ModelScoreStage(
        spec.name(),
        o.get(MODEL),
        o.find(VERSION),
        o.get(OUTPUTS),
        o.get(PREDICTION_COLUMN).name(),
        o.get(PROBABILITY_COLUMN).name());
  }
}
