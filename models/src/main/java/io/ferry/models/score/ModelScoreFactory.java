package io.ferry.models.score;

import io.ferry.core.option.OptionType;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
  static final StageOption<List<String>> OUTPUTS =
      StageOption.stringList(
              "outputs",
              "Columns to add: prediction, probability (binary classifiers: the probability of"
                  + " class 1, as a double).")
          .withDefault(List.of("prediction", "probability"));
  static final StageOption<String> PREDICTION_COLUMN =
      StageOption.string("prediction-column", "Name of the prediction column.")
          .withDefault("prediction");
  static final StageOption<String> PROBABILITY_COLUMN =
      StageOption.string("probability-column", "Name of the probability column.")
          .withDefault("probability");

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
    List<String> outputs = o.get(OUTPUTS);
    if (outputs.isEmpty()) {
      problems.add(OUTPUTS, "is empty: name prediction, probability or both");
    }
    for (String out : outputs) {
      if (parse(out) == null) {
        problems.add(OUTPUTS, "unknown output '" + out + "'; expected prediction or probability");
      }
    }
    for (var column : List.of(PREDICTION_COLUMN, PROBABILITY_COLUMN)) {
      String c = o.get(column);
      try {
        if (SqlIdentifier.parse(c).parts().size() != 1 || c.startsWith("__ferry_")) {
          problems.add(column, "'" + c + "' is not a usable column name");
        }
      } catch (IllegalArgumentException e) {
        problems.add(column, e.getMessage());
      }
    }
    if (o.get(PREDICTION_COLUMN).equalsIgnoreCase(o.get(PROBABILITY_COLUMN))) {
      problems.add(PROBABILITY_COLUMN, "must differ from prediction-column");
    }
  }

  static ScoreOutput parse(String output) {
    for (ScoreOutput o : ScoreOutput.values()) {
      if (OptionType.hoconName(o).equals(output.trim().toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    return null;
  }

  @Override
  public Stage create(StageSpec spec) {
    var o = spec.options();
    List<ScoreOutput> outputs = new ArrayList<>();
    o.get(OUTPUTS).forEach(s -> outputs.add(parse(s)));
    return new ModelScoreStage(
        spec.name(),
        o.get(MODEL),
        o.find(VERSION),
        outputs,
        SqlIdentifier.parse(o.get(PREDICTION_COLUMN)).name(),
        SqlIdentifier.parse(o.get(PROBABILITY_COLUMN)).name());
  }
}
