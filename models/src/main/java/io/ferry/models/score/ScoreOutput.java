package io.ferry.models.score;

/** A column {@code model-score} can add to its input. */
public enum ScoreOutput {
  /** The model's prediction: the class (0.0, 1.0, ...) or the regression value. */
  PREDICTION,
  /** For binary classifiers: the probability of class 1, as a double. */
  PROBABILITY
}
