package io.ferry.models.train;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.Lake;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.models.InputColumns;
import io.ferry.models.metadata.Feature;
import io.ferry.models.metadata.ModelMetadata;
import io.ferry.models.metadata.ModelMetadataJson;
import io.ferry.models.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code model-train} stage. It fits the pipeline, then commits the version folder: the old
 * {@code ferry-model.json} is removed first, the model saved (replacing a rerun's), and {@code
 * ferry-model.json} written last, so {@code model-score} never picks up half a model.
 */
public final class ModelTrainStage implements Stage, ExplainsPlan {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainStage.class);

  private final String name;
  private final TrainingSpec spec;
  private final String output;
  private final Optional<String> version;
  private final String modelName;

  ModelTrainStage(
      String name, TrainingSpec spec, String output, Optional<String> version, String modelName) {
    this.name = requireNonNull(name, "name");
    this.spec = requireNonNull(spec, "spec");
    this.output = requireNonNull(output, "output");
    this.version = requireNonNull(version, "version");
    this.modelName = requireNonNull(modelName, "modelName");
  }

  /**
   * @throws IllegalArgumentException naming the stage and every missing or mistyped column
   */
  @Override
  public StageOutput run(StageContext context) {
    Dataset<Row> input = context.input();
    List<Feature> features = new ArrayList<>();
    spec.numeric().forEach(c -> features.add(new Feature(c, Feature.Kind.NUMERIC)));
    spec.categorical().forEach(c -> features.add(new Feature(c, Feature.Kind.CATEGORICAL)));
    List<Feature> withLabel = new ArrayList<>(features);
    withLabel.add(new Feature(spec.label(), Feature.Kind.NUMERIC));
    List<String> actual = InputColumns.check("the training columns", input.schema(), withLabel);
    TrainingSpec resolved =
        new TrainingSpec(
            actual.subList(0, spec.numeric().size()),
            actual.subList(spec.numeric().size(), features.size()),
            actual.get(features.size()),
            spec.estimator(),
            spec.params(),
            spec.testFraction(),
            spec.seed());
    Training.Result result = Training.fit(input, resolved);

    String v = version.orElse(context.run().runId());
    Lake lake = context.lake();
    Path folder = ModelStore.versionFolder(new ModelStore(lake).resolve(output), v);
    Path metadataFile = new Path(folder, ModelMetadata.FILE);
    lake.delete(metadataFile);
    Path modelPath = new Path(folder, ModelStore.MODEL_FOLDER);
    try {
      result.model().write().overwrite().save(modelPath.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot save the model to " + modelPath + ": " + e.getMessage(), e);
    }
    List<Feature> saved = new ArrayList<>();
    resolved.numeric().forEach(c -> saved.add(new Feature(c, Feature.Kind.NUMERIC)));
    resolved.categorical().forEach(c -> saved.add(new Feature(c, Feature.Kind.CATEGORICAL)));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("params", new java.util.TreeMap<>(spec.params()));
    details.put("seed", spec.seed());
    details.put("test_fraction", spec.testFraction());
    details.put("train_rows", result.trainRows());
    details.put("test_rows", result.testRows());
    details.put("run_id", context.run().runId());
    details.put("spark_version", context.spark().version());
    ModelMetadata metadata =
        new ModelMetadata(
            modelName,
            v,
            Instant.now(),
            hocon(spec.estimator()),
            resolved.label(),
            saved,
            result.metrics(),
            details);
    lake.writeString(metadataFile, ModelMetadataJson.render(metadata));

    context.metrics().rowsIn(result.trainRows() + result.testRows());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("path", folder.toString());
    report.put("version", v);
    report.put("metrics", result.metrics());
    context.metrics().put("model", report);
    LOG.info(
        "Stage '{}' saved model {} version {} to {}: {}",
        name,
        modelName,
        v,
        folder,
        result.metrics());
    return StageOutput.none();
  }

  private static String hocon(EstimatorKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of("input dataset"),
        List.of(output + "/version=" + version.orElse("<run-id>") + "/{model, ferry-model.json}"),
        List.of(
            hocon(spec.estimator())
                + " on "
                + spec.numeric()
                + " + one-hot "
                + spec.categorical()
                + " -> "
                + spec.label()));
  }
}
