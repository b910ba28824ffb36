package io.ferry.models.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code ferry-model.json} says about a model: written by {@code model-train} beside the
 * model, written by hand for a model trained elsewhere, read by {@code model-score} into the run
 * report.
 *
 * @param estimator e.g. {@code logistic-regression}
 * @param label the label column it was trained on
 * @param features the input columns scoring needs
 * @param metrics evaluation on the held-out test rows, e.g. {@code auc}, {@code accuracy}, {@code
 *     rmse}
 * @param details anything else worth keeping (parameters, seed, row counts), as JSON values
 */
public record ModelMetadata(
    String name,
    String version,
    Instant trainedAt,
    String estimator,
    String label,
    List<Feature> features,
    Map<String, Double> metrics,
    Map<String, Object> details) {

  /** The file name, in the model's version folder next to {@code model/}. */
  public static final String FILE = "ferry-model.json";

  public ModelMetadata {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(trainedAt, "trainedAt");
    requireNonNull(estimator, "estimator");
    requireNonNull(label, "label");
    features = List.copyOf(features);
    metrics = Map.copyOf(metrics);
    details = Map.copyOf(details);
  }
}
