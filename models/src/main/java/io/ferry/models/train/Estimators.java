package io.ferry.models.train;

import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.regression.LinearRegression;

/** The Spark ML estimator of each {@link EstimatorKind}. */
final class Estimators {
  private Estimators() {}

  /** A new, unconfigured Spark ML estimator; needs no SparkSession. */
  @SuppressWarnings("rawtypes")
  static Predictor create(EstimatorKind kind) {
    return switch (kind) {
      case LOGISTIC_REGRESSION -> new LogisticRegression();
      case RANDOM_FOREST -> new RandomForestClassifier();
      case GBT -> new GBTClassifier();
      case LINEAR_REGRESSION -> new LinearRegression();
    };
  }
}
