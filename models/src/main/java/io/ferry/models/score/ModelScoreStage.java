package io.ferry.models.score;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.ferry.core.sql.SparkColumn;
import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.models.InputColumns;
import io.ferry.models.metadata.Feature;
import io.ferry.models.store.ModelStore;
import io.ferry.models.store.StoredModel;
import io.ferry.models.train.Training;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One {@code model-score} stage: finds and loads the model, checks the input against the model's
 * features ({@code ferry-model.json}, else the pipeline's own input columns), transforms, and
 * returns the input's columns plus the requested outputs. The model's metadata goes into the run
 * report under {@code model}. The output is lazy: rows are scored when a later stage consumes it.
 */
public final class ModelScoreStage implements Stage, ExplainsPlan, ChecksReadiness {
  private final String name;
  private final String model;
  private final Optional<String> version;
  private final List<ScoreOutput> outputs;
  private final String predictionColumn;
  private final String probabilityColumn;

  ModelScoreStage(
      String name,
      String model,
      Optional<String> version,
      List<ScoreOutput> outputs,
      String predictionColumn,
      String probabilityColumn) {
    this.name = requireNonNull(name, "name");
    this.model = requireNonNull(model, "model");
    this.version = requireNonNull(version, "version");
    this.outputs = List.copyOf(outputs);
    this.predictionColumn = requireNonNull(predictionColumn, "predictionColumn");
    this.probabilityColumn = requireNonNull(probabilityColumn, "probabilityColumn");
  }

  /**
   * @throws StageFailure {@code CONFIG_VALUE_NOT_FOUND} about {@code model} when no model is at the
   *     path, {@code CONFIG_VALUE_INVALID} for an input missing a feature or holding one of the
   *     wrong type, and about {@code outputs} for probability asked of a non-binary model
   */
  @Override
  public StageOutput run(StageContext context) {
    ModelStore store = new ModelStore(context.lake());
    StoredModel stored;
    try {
      stored = store.find(store.resolve(model), version);
    } catch (IllegalArgumentException e) {
      throw StageFailure.about(
          ModelScoreFactory.MODEL, StandardFailureCode.CONFIG_VALUE_NOT_FOUND, e.getMessage());
    }
    PipelineModel pipeline = load(stored);
    Dataset<Row> input = context.input();
    String what =
        stored
            .metadata()
            .map(m -> "model " + m.name() + " version " + m.version())
            .orElse("model at " + stored.modelPath());
    try {
      if (stored.metadata().isPresent()) {
        InputColumns.check(what, input.schema(), stored.metadata().get().features());
      } else {
        requirePresent(input, what, ModelInputs.of(pipeline));
      }
    } catch (IllegalArgumentException e) {
      throw new StageFailure(StandardFailureCode.CONFIG_VALUE_INVALID, e.getMessage());
    }
    Dataset<Row> scored;
    try {
      scored = pipeline.transform(input);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + " cannot score the input: " + e.getMessage(), e);
    }
    List<Column> columns = new ArrayList<>();
    for (String c : input.columns()) {
      columns.add(input.col(SparkColumn.quoted(c)));
    }
    for (ScoreOutput out : outputs) {
      columns.add(output(pipeline, scored, out, what));
    }
    context.metrics().put("model", report(stored));
    return StageOutput.of(scored.select(columns.toArray(new Column[0])));
  }

  private Column output(PipelineModel pipeline, Dataset<Row> scored, ScoreOutput out, String what) {
    if (out == ScoreOutput.PREDICTION) {
      return scored.col(Training.PREDICTION).cast("double").as(predictionColumn);
    }
    Transformer last = pipeline.stages()[pipeline.stages().length - 1];
    if (!(last instanceof ProbabilisticClassificationModel<?, ?> classifier)) {
      throw StageFailure.about(
          "outputs",
          StandardFailureCode.CONFIG_VALUE_INVALID,
          what
              + " predicts no probability (its last stage is "
              + last.getClass().getSimpleName()
              + "); remove probability from 'outputs'");
    }
    if (classifier.numClasses() != 2) {
      throw StageFailure.about(
          "outputs",
          StandardFailureCode.CONFIG_VALUE_INVALID,
          what
              + " has "
              + classifier.numClasses()
              + " classes; probability is a double for binary models only");
    }
    String column = classifier.getProbabilityCol();
    return org.apache
        .spark
        .ml
        .functions
        .vector_to_array(col(column), "float64")
        .getItem(1)
        .as(probabilityColumn);
  }

  private PipelineModel load(StoredModel stored) {
    try {
      return PipelineModel.load(stored.modelPath().toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load a Spark ML PipelineModel from " + stored.modelPath() + ": " + e.getMessage(),
          e);
    }
  }

  private void requirePresent(Dataset<Row> input, String what, List<Feature> needed) {
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    present.addAll(List.of(input.columns()));
    List<String> missing =
        needed.stream().map(Feature::name).filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the input does not fit "
              + what
              + "; missing columns: "
              + String.join(", ", missing)
              + ". Input columns: "
              + String.join(", ", input.columns()));
    }
  }

  private static Map<String, Object> report(StoredModel stored) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", stored.modelPath().toString());
    stored
        .metadata()
        .ifPresent(
            md -> {
              m.put("name", md.name());
              m.put("version", md.version());
              m.put("trained_at", md.trainedAt().toString());
              m.put("estimator", md.estimator());
              m.put("features", md.features().stream().map(Feature::name).toList());
              m.put("metrics", md.metrics());
            });
    return m;
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of(
            "input dataset",
            "model " + model + version.map(v -> " version " + v).orElse(" (latest version)")),
        List.of("temp view " + name),
        List.of());
  }

  @Override
  public void check(PreflightContext context) {
    ModelScoreReadiness.check(model, version, context);
  }
}
