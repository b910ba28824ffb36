package io.ferry.transform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class CheckStageTest {
  static final String ORDERS =
      """
      { name = orders, type = sql, sql = \"\"\"
          SELECT * FROM VALUES
            (1, 10, 'paid', 5.0), (2, 10, 'paid', 7.5), (3, 11, 'refunded', 2.0),
            (3, 12, 'lost', -1.0), (4, NULL, 'paid', 3.0)
          AS t(order_id, customer_id, status, amount)\"\"\" }
      """;

  private static String job(Path lake, String checks, String after) {
    return """
        job.name = checks
        lake.root = "%s"
        stages = [
          %s
          { name = quality, type = check, sample-rows = 2, expectations = [ %s ] }
          %s
        ]
        """
        .formatted(TempLake.under(lake), ORDERS, checks, after);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(StageReport stage) {
    return (List<Map<String, Object>>) stage.metrics().get("expectations");
  }

  @Test
  void passingAndWarningExpectationsLetTheJobContinueWithTheInput(
      SparkSession spark, @TempDir Path lake) {
    String checks =
        """
        { type = row-count, min = 1, max = 5 }
        { type = not-null, columns = [order_id, status] }
        { type = accepted-values, column = status, values = [paid, refunded, lost] }
        { type = sql, condition = "amount <> 0" }
        { type = sql, query = "SELECT * FROM orders WHERE order_id > 100" }
        { type = unique, columns = [order_id], level = warn, description = "ids are unique" }
        """;
    String after = "{ name = paid, type = sql, sql = \"SELECT count(*) AS n FROM quality\" }";

    RunReport report = JobHarness.fromHocon(job(lake, checks, after)).runSuccessfully(spark);

    StageReport stage = report.stage("quality").orElseThrow();
    assertEquals(OptionalLong.of(5), stage.rowsIn());
    assertEquals(OptionalLong.of(5), stage.rowsOut(), "the input, unchanged, counted once");
    assertEquals(0, stage.metrics().get("failed"));
    assertEquals(1, stage.metrics().get("warned"));
    List<Map<String, Object>> results = results(stage);
    assertEquals(
        Map.of(
            "index", 0,
            "expectation", "row-count(>= 1, <= 5)",
            "level", "fail",
            "status", "passed",
            "rows", 5L),
        results.get(0));
    assertEquals(
        List.of("passed", "passed", "passed", "passed", "passed", "warned"),
        results.stream().map(r -> r.get("status")).toList());
    assertEquals(
        Map.of(
            "index", 5,
            "expectation", "unique(order_id)",
            "description", "ids are unique",
            "level", "warn",
            "status", "warned",
            "failing", 1L,
            "samples", List.of(Map.of("order_id", "3", "rows", "2"))),
        results.get(5));
    assertEquals(5L, spark.table("paid").first().getLong(0));
  }

  @Test
  void aFailedExpectationStopsTheJobBeforeTheWriteWithCountsAndSamples(
      SparkSession spark, @TempDir Path lake) throws Exception {
    String checks =
        """
        { type = not-null, columns = [customer_id] }
        { type = accepted-values, column = status, values = [paid, refunded] }
        { type = sql, condition = "amount > 0", level = warn }
        { type = row-count, max = 3 }
        """;
    String after = "{ name = out, type = lake-write, path = curated/orders }";
    Path target = Files.createDirectories(lake.resolve("curated/orders"));
    Files.writeString(target.resolve("part-00000-yesterday.parquet"), "yesterday's rows");
    Files.writeString(target.resolve("_SUCCESS"), "");

    RunReport report = JobHarness.fromHocon(job(lake, checks, after)).run(spark);

    assertEquals(RunReport.Status.FAILED, report.status());
    StageReport stage = report.stage("quality").orElseThrow();
    assertEquals(
        "3 of 4 expectations failed: [0] not-null(customer_id): 1 failing rows;"
            + " [1] accepted-values(status): 1 failing rows; [3] row-count(<= 3): 5 rows. Sample"
            + " rows are in the run report.",
        stage.error().orElseThrow());
    assertEquals(StageReport.Status.SKIPPED, report.stage("out").orElseThrow().status());
    try (var files = Files.list(target)) {
      assertEquals(
          List.of("_SUCCESS", "part-00000-yesterday.parquet"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "the target is untouched");
    }
    assertEquals(
        "yesterday's rows", Files.readString(target.resolve("part-00000-yesterday.parquet")));
    try (var siblings = Files.list(lake.resolve("curated"))) {
      assertEquals(List.of("orders"), siblings.map(f -> f.getFileName().toString()).toList());
    }
    List<Map<String, Object>> results = results(stage);
    Map<String, Object> notNull = results.get(0);
    assertEquals("failed", notNull.get("status"));
    assertEquals(1L, notNull.get("failing"));
    @SuppressWarnings("unchecked")
    List<Map<String, String>> samples = (List<Map<String, String>>) notNull.get("samples");
    assertEquals(1, samples.size());
    assertEquals("4", samples.get(0).get("order_id"));
    assertTrue(samples.get(0).containsKey("customer_id"));
    assertEquals(null, samples.get(0).get("customer_id"));
    @SuppressWarnings("unchecked")
    List<Map<String, String>> statusSamples =
        (List<Map<String, String>>) results.get(1).get("samples");
    assertEquals("lost", statusSamples.get(0).get("status"));
    assertEquals("warned", results.get(2).get("status"));
    assertEquals(1L, results.get(2).get("failing"));
    String json = Files.readString(lake.resolve("_runs/checks/" + report.runId() + "/report.json"));
    assertTrue(json.contains("\"status\" : \"failed\""), json);
  }

  @Test
  void anUnknownColumnAtRunNamesTheExpectation(SparkSession spark, @TempDir Path lake) {
    String checks = "{ type = not-null, columns = [customer] }";

    RunReport report = JobHarness.fromHocon(job(lake, checks, "")).run(spark);

    String error = report.stage("quality").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith("expectations[0] not-null(customer): Spark SQL rejected it:"), error);
    assertTrue(error.contains("`customer`"), error);
  }

  /** Spark's parser checks the SQL of expectations once the list's structure holds. */
  @Test
  void everyExpectationProblemIsReportedWithItsKeyPath(@TempDir Path lake) {
    String checks =
        """
        { type = not-nul, columns = [a] }
        { type = not-null }
        { type = unique, columns = ["a b"], level = fatal }
        { type = accepted-values, column = status, valuez = [x] }
        { type = sql, condition = "amount >" }
        { type = sql }
        { type = row-count, min = 5, max = 1 }
        """;

    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobHarness.fromHocon(job(lake, checks, "")).validate());

    List<String> problems =
        e.problems().stream().map(p -> p.path() + ": " + p.message()).sorted().toList();
    assertEquals(8, problems.size(), e::getMessage);
    assertEquals(
        "stages[1].expectations[0].type: unknown expectation type 'not-nul' (did you mean"
            + " 'not-null'?); known: accepted-values, not-null, row-count, sql, unique",
        problems.get(0));
    assertEquals(
        "stages[1].expectations[1].columns: missing: the list of columns, e.g. [customer_id]",
        problems.get(1));
    assertTrue(
        problems
            .get(2)
            .startsWith("stages[1].expectations[2].columns: 'a b' is not a valid SQL name"),
        problems.get(2));
    assertEquals(
        "stages[1].expectations[2].level: expected fail or warn, found \"fatal\"", problems.get(3));
    assertEquals(
        "stages[1].expectations[3].values: missing: the list of accepted values", problems.get(4));
    assertEquals(
        "stages[1].expectations[3].valuez: unknown key for a 'accepted-values' expectation (did"
            + " you mean 'values'?); allowed: column, description, level, type, values",
        problems.get(5));
    assertEquals(
        "stages[1].expectations[5]: a sql expectation needs exactly one of 'condition' (true for"
            + " every row) and 'query' (returns no rows)",
        problems.get(6));
    assertEquals("stages[1].expectations[6].min: min 5 is above max 1", problems.get(7));
    assertEquals(
        List.of(10, 11, 12, 12, 13, 13, 15, 16),
        e.problems().stream().map(p -> p.line()).sorted().toList(),
        "each problem at its entry's line, or its key's");

    InvalidJobException syntax =
        assertThrows(
            InvalidJobException.class,
            () ->
                JobHarness.fromHocon(job(lake, "{ type = sql, condition = \"amount >\" }", ""))
                    .validate());
    assertTrue(
        syntax
            .problems()
            .get(0)
            .toString()
            .startsWith(
                "test-job.conf:10: stages[1].expectations[0].condition: [PARSE_SYNTAX_ERROR]"),
        syntax::getMessage);
    assertEquals(1, syntax.problems().size(), syntax::getMessage);
  }
}
