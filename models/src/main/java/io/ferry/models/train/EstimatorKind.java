package io.ferry.models.train;

/**
 * The estimators {@code model-train} offers, written in jobs as lower case with dashes. Free of
 * Spark classes, so that declaring the option loads none; {@link Estimators} builds them.
 */
public enum EstimatorKind {
  LOGISTIC_REGRESSION(true),
  RANDOM_FOREST(true),
  GBT(true),
  LINEAR_REGRESSION(false);

  private final boolean classifier;

  EstimatorKind(boolean classifier) {
    this.classifier = classifier;
  }

  /** Classifiers are evaluated with AUC and accuracy, regressors with RMSE and R². */
  public boolean classifier() {
    return classifier;
  }
}
