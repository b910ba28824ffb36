package io.ferry.models.train;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What to train, from a validated {@code model-train} stage.
 *
 * @param numeric numeric feature columns, used as they are
 * @param categorical string feature columns, indexed and one-hot encoded (unseen values at scoring
 *     time go to an extra "unknown" slot)
 * @param label the label column: 0/1 (or boolean) for classifiers, a number for regression
 * @param params estimator parameters by Spark ML name
 * @param testFraction share of rows held out for the metrics
 */
public record TrainingSpec(
    List<String> numeric,
    List<String> categorical,
    String label,
    EstimatorKind estimator,
    Map<String, String> params,
    double testFraction,
    long seed) {

  public TrainingSpec {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    requireNonNull(label, "label");
    requireNonNull(estimator, "estimator");
    params = Map.copyOf(params);
  }
}
