package io.ferry.models.train;

import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.regression.LinearRegression;

/** The estimators {@code model-train} offers, written in jobs as lower case with dashes. */
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

  /** A new, unconfigured Spark ML estimator; needs no SparkSession. */
  @SuppressWarnings("rawtypes")
  public Predictor newEstimator() {
    return switch (this) {
      case LOGISTIC_REGRESSION -> new LogisticRegression();
      case RANDOM_FOREST -> new RandomForestClassifier();
      case GBT -> new GBTClassifier();
      case LINEAR_REGRESSION -> new LinearRegression();
    };
  }
}
