package io.ferry.models.train;

import static org.apache.spark.sql.functions.col;

import io.ferry.core.sql.SparkColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds and fits the pipeline for a {@link TrainingSpec}: string indexing and one-hot encoding of
 * the categorical features, one vector of all features, the estimator; then evaluates it on the
 * held-out rows. Ferry's own intermediate columns start with {@value #PREFIX}; scoring drops them.
 */
public final class Training {
  public static final String PREFIX = "__ferry_";
  public static final String PREDICTION = "prediction";
  public static final String PROBABILITY = "probability";
  static final String LABEL = PREFIX + "label";
  static final String FEATURES = PREFIX + "features";
  static final String RAW = PREFIX + "raw_prediction";

  private Training() {}

  /**
   * The fitted model and its metrics.
   *
   * @param metrics {@code auc} (binary classifiers) and {@code accuracy}, or {@code rmse} and
   *     {@code r2}
   */
  public record Result(
      PipelineModel model, Map<String, Double> metrics, long trainRows, long testRows) {}

  /**
   * Fits the pipeline on a seeded split of {@code input}.
   *
   * @throws IllegalArgumentException when the estimator parameters do not apply (validation checks
   *     them first, so this only happens for callers that skip validation)
   */
  public static Result fit(Dataset<Row> input, TrainingSpec spec) {
    Dataset<Row> labelled =
        input.withColumn(LABEL, col(SparkColumn.quoted(spec.label())).cast("double"));
    Dataset<Row>[] split =
        labelled.randomSplit(
            new double[] {1 - spec.testFraction(), spec.testFraction()}, spec.seed());
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();
    try {
      PipelineModel model = pipeline(spec).fit(train);
      Dataset<Row> scored = model.transform(test);
      return new Result(model, metrics(scored, spec), train.count(), test.count());
    } finally {
      train.unpersist();
      test.unpersist();
    }
  }

  /** The unfitted pipeline. */
  public static Pipeline pipeline(TrainingSpec spec) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> vectorInputs = new ArrayList<>(spec.numeric());
    if (!spec.categorical().isEmpty()) {
      String[] indexed =
          spec.categorical().stream().map(c -> PREFIX + c + "_index").toArray(String[]::new);
      String[] encoded =
          spec.categorical().stream().map(c -> PREFIX + c + "_onehot").toArray(String[]::new);
      stages.add(
          new StringIndexer()
              .setInputCols(spec.categorical().toArray(new String[0]))
              .setOutputCols(indexed)
              .setHandleInvalid("keep")
              .setStringOrderType("alphabetAsc"));
      stages.add(
          new OneHotEncoder()
              .setInputCols(indexed)
              .setOutputCols(encoded)
              .setHandleInvalid("keep"));
      vectorInputs.addAll(List.of(encoded));
    }
    stages.add(
        new VectorAssembler()
            .setInputCols(vectorInputs.toArray(new String[0]))
            .setOutputCol(FEATURES));
    stages.add(estimator(spec));
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  @SuppressWarnings("rawtypes")
  static Predictor estimator(TrainingSpec spec) {
    Predictor estimator = Estimators.create(spec.estimator());
    List<String> problems = EstimatorParams.apply(estimator, spec.params());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    estimator.set(estimator.getParam("featuresCol"), FEATURES);
    estimator.set(estimator.getParam("labelCol"), LABEL);
    estimator.set(estimator.getParam("predictionCol"), PREDICTION);
    if (spec.estimator().classifier()) {
      estimator.set(estimator.getParam("rawPredictionCol"), RAW);
      estimator.set(estimator.getParam("probabilityCol"), PROBABILITY);
    }
    if (estimator.hasParam("seed")) {
      estimator.set(estimator.getParam("seed"), spec.seed());
    }
    if (estimator instanceof LogisticRegression lr && !spec.params().containsKey("family")) {
      lr.setFamily("auto");
    }
    return estimator;
  }

  private static Map<String, Double> metrics(Dataset<Row> scored, TrainingSpec spec) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (spec.estimator().classifier()) {
      long classes = scored.select(LABEL).distinct().count();
      if (classes <= 2) {
        out.put(
            "auc",
            new BinaryClassificationEvaluator()
                .setLabelCol(LABEL)
                .setRawPredictionCol(RAW)
                .setMetricName("areaUnderROC")
                .evaluate(scored));
      }
      out.put(
          "accuracy",
          new MulticlassClassificationEvaluator()
              .setLabelCol(LABEL)
              .setPredictionCol(PREDICTION)
              .setMetricName("accuracy")
              .evaluate(scored));
    } else {
      RegressionEvaluator evaluator =
          new RegressionEvaluator().setLabelCol(LABEL).setPredictionCol(PREDICTION);
      out.put("rmse", evaluator.setMetricName("rmse").evaluate(scored));
      out.put("r2", evaluator.setMetricName("r2").evaluate(scored));
    }
    return out;
  }
}
