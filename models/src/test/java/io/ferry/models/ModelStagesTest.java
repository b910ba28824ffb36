package io.ferry.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.models.metadata.Feature;
import io.ferry.models.metadata.ModelMetadata;
import io.ferry.models.metadata.ModelMetadataJson;
import io.ferry.models.train.EstimatorKind;
import io.ferry.models.train.Training;
import io.ferry.models.train.TrainingSpec;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ModelStagesTest {
  /** 200 customers; churn depends on visits and country, so the model has something to learn. */
  static final String CUSTOMERS =
      """
      SELECT id,
             CAST(id % 7 AS INT) AS visits,
             CASE id % 3 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' ELSE 'US' END AS country,
             CAST((id * 37) % 100 AS DOUBLE) / 10 AS spend,
             CASE WHEN id % 7 + CASE id % 3 WHEN 0 THEN 3 ELSE 0 END + (id * 37) % 3 < 4
                  THEN 1 ELSE 0 END AS churned
      FROM range(0, 200)
      """;

  private static String job(Path lake, String name, String stages) {
    return """
        job.name = %s
        lake.root = "%s"
        stages = [
          { name = customers, type = test-sql, sql = \"\"\"%s\"\"\" }
          %s
        ]
        """
        .formatted(name, TempLake.under(lake), CUSTOMERS, stages);
  }

  static final String TRAIN =
      """
      { name = churn, type = model-train, features = [visits, spend], categorical = [country],
        label = churned, estimator = logistic-regression, params { maxIter = 15, regParam = 0.01 },
        output = models/churn, seed = 7 }
      """;

  @Test
  void aTrainedModelScoresTheSameRowsIdenticallyAfterSaveAndLoad(
      SparkSession spark, @TempDir Path lake) throws Exception {
    Dataset<Row> customers = spark.sql(CUSTOMERS);
    TrainingSpec spec =
        new TrainingSpec(
            List.of("visits", "spend"),
            List.of("country"),
            "churned",
            EstimatorKind.LOGISTIC_REGRESSION,
            Map.of("maxIter", "15"),
            0.25,
            11);
    Training.Result trained = Training.fit(customers, spec);
    List<Row> inMemory =
        trained
            .model()
            .transform(customers)
            .select(
                functions.col("id"),
                functions.col("prediction"),
                org.apache
                    .spark
                    .ml
                    .functions
                    .vector_to_array(functions.col("probability"), "float64")
                    .getItem(1)
                    .as("probability"))
            .orderBy("id")
            .collectAsList();
    trained.model().write().save(lake.resolve("bare/churn").toString());

    JobHarness.fromHocon(
            job(lake, "reload", "{ name = scored_bare, type = model-score, model = bare/churn }"))
        .runSuccessfully(spark);

    List<Row> reloaded =
        spark
            .table("scored_bare")
            .select("id", "prediction", "probability")
            .orderBy("id")
            .collectAsList();
    assertEquals(200, reloaded.size());
    assertEquals(inMemory, reloaded);
  }

  @Test
  void trainWritesAVersionWithMetadataAndScoreUsesTheLatest(SparkSession spark, @TempDir Path lake)
      throws Exception {
    RunReport trained =
        JobHarness.fromHocon(job(lake, "train", TRAIN))
            .run(
                spark,
                new RunRequest(Optional.of("20261123T010000Z-aaaaaa"), OptionalDouble.empty()));
    assertEquals(RunReport.Status.SUCCEEDED, trained.status(), trained.error().orElse(""));

    Path version = lake.resolve("models/churn/version=20261123T010000Z-aaaaaa");
    assertTrue(Files.isDirectory(version.resolve("model/metadata")));
    ModelMetadata metadata =
        ModelMetadataJson.parse(Files.readString(version.resolve(ModelMetadata.FILE)), "test");
    assertEquals("churn", metadata.name());
    assertEquals("20261123T010000Z-aaaaaa", metadata.version());
    assertEquals("logistic-regression", metadata.estimator());
    assertEquals("churned", metadata.label());
    assertEquals(
        List.of(
            new Feature("visits", Feature.Kind.NUMERIC),
            new Feature("spend", Feature.Kind.NUMERIC),
            new Feature("country", Feature.Kind.CATEGORICAL)),
        metadata.features());
    assertEquals(
        List.of("accuracy", "auc"), metadata.metrics().keySet().stream().sorted().toList());
    assertTrue(metadata.metrics().get("auc") > 0.8, metadata.metrics().toString());
    assertEquals(
        200L,
        ((Number) metadata.details().get("train_rows")).longValue()
            + ((Number) metadata.details().get("test_rows")).longValue());

    RunReport scored =
        JobHarness.fromHocon(
                job(
                    lake,
                    "score",
                    "{ name = scored, type = model-score, model = models/churn,"
                        + " probability-column = churn_propensity }"))
            .runSuccessfully(spark);

    Dataset<Row> rows = spark.table("scored");
    assertEquals(
        List.of("id", "visits", "country", "spend", "churned", "prediction", "churn_propensity"),
        List.of(rows.columns()));
    assertEquals(0L, rows.where("churn_propensity < 0 OR churn_propensity > 1").count());
    assertEquals(
        0L,
        rows.where("prediction <> CASE WHEN churn_propensity > 0.5 THEN 1.0 ELSE 0.0 END").count());
    @SuppressWarnings("unchecked")
    Map<String, Object> model =
        (Map<String, Object>) scored.stage("scored").orElseThrow().metrics().get("model");
    assertEquals("20261123T010000Z-aaaaaa", model.get("version"));
    assertEquals(metadata.metrics(), model.get("metrics"));
  }

  @Test
  void scoreRefusesAnInputMissingAFeatureOrHoldingTheWrongType(
      SparkSession spark, @TempDir Path lake) {
    JobHarness.fromHocon(job(lake, "train", TRAIN)).runSuccessfully(spark);
    String stages =
        """
        { name = odd, type = test-sql, sql = "SELECT id, CAST(visits AS STRING) AS visits, churned FROM customers" }
        { name = refused, type = model-score, model = models/churn }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, "refuse", stages)).run(spark);

    String error = report.stage("refused").orElseThrow().error().orElseThrow();
    assertTrue(
        error.matches(
            "the input does not fit model churn version [^;]+; missing columns:"
                + " spend \\(numeric\\), country \\(categorical\\); wrong types: visits is string,"
                + " expected a number or boolean\\. Input columns: id, visits, churned"),
        error);
  }

  @Test
  void otherEstimatorsTrainWithTheirMetrics(SparkSession spark, @TempDir Path lake)
      throws Exception {
    String stages =
        """
        { name = forest, type = model-train, features = [visits, spend], categorical = [country],
          label = churned, estimator = random-forest, params { numTrees = 5, maxDepth = 3 },
          output = models/forest, version = v1 }
        { name = boosted, type = model-train, features = [visits, spend], label = churned,
          estimator = gbt, params { maxIter = 3, maxDepth = 2 }, output = models/gbt, version = v1,
          input = customers }
        { name = spend_model, type = model-train, features = [visits], categorical = [country],
          label = spend, estimator = linear-regression, output = models/spend, version = v1,
          input = customers }
        { name = forest_scored, type = model-score, model = models/forest, version = v1, input = customers }
        { name = spend_scored, type = model-score, model = models/spend, outputs = [prediction], input = customers }
        """;

    JobHarness.fromHocon(job(lake, "estimators", stages)).runSuccessfully(spark);

    assertEquals(
        List.of("accuracy", "auc"),
        metrics(lake.resolve("models/forest/version=v1")).keySet().stream().sorted().toList());
    assertEquals(
        List.of("accuracy", "auc"),
        metrics(lake.resolve("models/gbt/version=v1")).keySet().stream().sorted().toList());
    assertEquals(
        List.of("r2", "rmse"),
        metrics(lake.resolve("models/spend/version=v1")).keySet().stream().sorted().toList());
    assertEquals(
        0L, spark.table("forest_scored").where("probability < 0 OR probability > 1").count());
    assertEquals(
        List.of("id", "visits", "country", "spend", "churned", "prediction"),
        List.of(spark.table("spend_scored").columns()));
  }

  @Test
  void probabilityOfARegressionModelAndAMissingVersionAreClearErrors(
      SparkSession spark, @TempDir Path lake) {
    String stages =
        """
        { name = spend_model, type = model-train, features = [visits], label = spend,
          estimator = linear-regression, output = models/spend, version = v1 }
        { name = wrong, type = model-score, model = models/spend, input = customers }
        """;
    RunReport report = JobHarness.fromHocon(job(lake, "regression", stages)).run(spark);
    assertEquals(
        "test-job.conf:7: model spend_model version v1 predicts no probability (its last stage is"
            + " LinearRegressionModel); remove probability from 'outputs'",
        report.stage("wrong").orElseThrow().error().orElseThrow());

    RunReport missing =
        JobHarness.fromHocon(
                job(
                    lake,
                    "missing",
                    "{ name = nope, type = model-score, model = models/spend, version = v9 }"))
            .run(spark);
    String error = missing.stage("nope").orElseThrow().error().orElseThrow();
    assertTrue(
        error.matches("(?s)test-job\\.conf:\\d+: no committed model version 'v9' at file:.*"),
        error);
    assertTrue(error.endsWith("; versions there: [v1]"), error);
  }

  @Test
  void optionProblemsAreReportedBeforeSpark(@TempDir Path lake) {
    String stages =
        """
        { name = a, type = model-train, label = churned, output = m }
        { name = b, type = model-train, features = [visits, churned], label = churned, output = m,
          params { maxIterr = 5, regParam = lots }, test-fraction = 1.5 }
        { name = c, type = model-score, model = m, outputs = [prediction, score] }
        """;

    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobHarness.fromHocon(job(lake, "bad", stages)).validate());

    List<String> problems =
        e.problems().stream().map(p -> p.path() + ": " + p.message()).sorted().toList();
    assertEquals(6, problems.size(), e::getMessage);
    assertEquals(
        "stages[1].features: name at least one feature column in 'features' or 'categorical'",
        problems.get(0));
    assertEquals(
        "stages[2].features: 'churned' appears twice (or is the label); each column is used once",
        problems.get(1));
    assertTrue(
        problems
            .get(2)
            .startsWith(
                "stages[2].params.maxIterr: not a parameter of LogisticRegression (did you mean 'maxIter'?)"),
        problems.get(2));
    assertTrue(
        problems.get(3).startsWith("stages[2].params.regParam: 'lots' is not a number"),
        problems.get(3));
    assertEquals(
        "stages[2].test-fraction: must be above 0 and below 1, found 1.5", problems.get(4));
    assertEquals(
        "stages[3].outputs: expected one of prediction|probability, found 'score'",
        problems.get(5));
  }

  private static Map<String, Double> metrics(Path version) throws Exception {
    return ModelMetadataJson.parse(Files.readString(version.resolve(ModelMetadata.FILE)), "test")
        .metrics();
  }
}
