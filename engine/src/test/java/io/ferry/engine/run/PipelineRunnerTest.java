package io.ferry.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.core.lake.Lake;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.engine.state.LakeWatermarkStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {
  static final StageOption<Integer> ROWS = StageOption.integer("rows", "Rows.").withDefault(10);
  static final StageOption<String> SQL = StageOption.string("sql", "SQL.").required();
  static final StageOption<String> WATERMARK =
      StageOption.string("watermark", "New mark.").optional();
  static final StageOption<Boolean> FAIL = StageOption.bool("fail", "Fail.").withDefault(false);
  static final StageOption<String> MISSING_COLUMN =
      StageOption.string("missing-column", "A column the stage reports as missing.").optional();

  static SparkSession spark;

  @TempDir Path lakeDir;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Produces spark.range(rows), optionally proposes a watermark, optionally fails. */
  static final class Numbers implements StageFactory {
    public String type() {
      return "numbers";
    }

    public String description() {
      return "Numbers.";
    }

    public List<StageOption<?>> options() {
      return List.of(ROWS, WATERMARK, FAIL, MISSING_COLUMN);
    }

    public Stage create(StageSpec spec) {
      return context -> {
        if (spec.options().get(FAIL)) {
          throw new IllegalStateException("source 'numbers' is unreachable");
        }
        if (spec.options().isSet(MISSING_COLUMN)) {
          throw StageFailure.about(
              MISSING_COLUMN,
              StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
              "column '" + spec.options().get(MISSING_COLUMN) + "' is not in the source");
        }
        spec.options().find(WATERMARK).ifPresent(context.watermarks()::advanceOnCommit);
        var ds = context.spark().range(spec.options().get(ROWS)).toDF("n");
        context.metrics().rowsOut(ds.count());
        return StageOutput.of(ds);
      };
    }
  }

  /** Runs SQL over earlier stages' views and counts its input. */
  static final class Query implements StageFactory {
    public String type() {
      return "query";
    }

    public String description() {
      return "Query.";
    }

    public List<StageOption<?>> options() {
      return List.of(SQL);
    }

    public boolean readsInput() {
      return true;
    }

    public Stage create(StageSpec spec) {
      return context -> {
        context.metrics().rowsIn(context.input().count());
        var ds = context.spark().sql(spec.options().get(SQL));
        context.metrics().put("columns", ds.columns().length);
        return StageOutput.of(ds);
      };
    }
  }

  JobSpec job(String stages) {
    String text =
        "job { name = t }\nlake { root = \""
            + lakeDir.toUri()
            + "\" }\nstages = [\n"
            + stages
            + "\n]";
    JobSource source = new JobSource("t.conf", Optional.empty(), text);
    return JobValidator.validate(
        JobLoader.load(source, Optional.empty(), Map.of()),
        source,
        StageRegistry.of(new Numbers(), new Query()));
  }

  PipelineRunner runner() {
    return new PipelineRunner(StageRegistry.of(new Numbers(), new Query()));
  }

  @Test
  void stagesRunInOrderAndSeeEarlierOutputsByName() throws Exception {
    JobSpec job =
        job(
            """
            { name = a, type = numbers, rows = 5, watermark = "5" }
            { name = b, type = numbers, rows = 3 }
            { name = c, type = query, input = a, sql = "SELECT a.n FROM a JOIN b ON a.n = b.n" }
            """);
    RunReport report =
        runner().run(job, new RunRequest(Optional.of("run-1"), OptionalDouble.empty()), spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status());
    assertEquals(0, report.exitCode());
    assertEquals(5, report.stage("a").orElseThrow().rowsOut().getAsLong());
    assertEquals(5, report.stage("c").orElseThrow().rowsIn().getAsLong(), "input = a");
    assertEquals(1, report.stage("c").orElseThrow().metrics().get("columns"));
    assertEquals(3, spark.table("c").count());

    Lake lake = new Lake(lakeDir.toUri().toString(), spark.sparkContext().hadoopConfiguration());
    assertEquals("5", new LakeWatermarkStore(lake).read("t", "a").orElseThrow());
    Path reportFile = lakeDir.resolve("_runs/t/run-1/report.json");
    JsonNode json = new ObjectMapper().readTree(Files.readString(reportFile));
    assertEquals("succeeded", json.get("status").asText());
    assertEquals(3, json.get("stages").size());
    assertEquals(5, json.get("stages").get(0).get("rows_out").asLong());
    assertTrue(json.get("stages").get(0).get("executor_cpu_ms").asLong() >= 0);
  }

  @Test
  void aLazyOutputReportsTheRowsLaterStagesReadFromIt() throws Exception {
    JobSpec job =
        job(
            """
            { name = a, type = numbers, rows = 5 }
            { name = even, type = query, sql = "SELECT DISTINCT n FROM a WHERE n % 2 = 0" }
            { name = pairs, type = query,
              sql = "SELECT x.n FROM even x JOIN even y ON x.n = y.n ORDER BY x.n LIMIT 2" }
            { name = peek, type = query, sql = "SELECT * FROM pairs LIMIT 1" }
            """);
    RunReport report =
        runner().run(job, new RunRequest(Optional.of("run-lazy"), OptionalDouble.empty()), spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), report.error().orElse(""));
    assertEquals(
        List.of(OptionalLong.of(5), OptionalLong.of(3), OptionalLong.of(2), OptionalLong.empty()),
        report.stages().stream().map(StageReport::rowsOut).toList(),
        "'even' is read whole by the count of the next stage's input (and joined with itself),"
            + " 'pairs' by the count of the last one's; nothing reads 'peek' during the run");
    JsonNode json =
        new ObjectMapper()
            .readTree(Files.readString(lakeDir.resolve("_runs/t/run-lazy/report.json")));
    assertEquals(3, json.get("stages").get(1).get("rows_out").asLong());
    assertTrue(json.get("stages").get(3).get("rows_out").isNull());
  }

  @Test
  void anOutputThatOnlySelectsStaysUncountedSoLaterFiltersReachTheScan() {
    Path table = lakeDir.resolve("partitioned");
    spark
        .range(8)
        .selectExpr("id", "id % 2 AS p")
        .write()
        .partitionBy("p")
        .parquet(table.toString());
    Dataset<Row> selected =
        spark.read().parquet(table.toString()).where("id > 1").select("id", "p");
    Dataset<Row> joined = selected.join(selected.withColumnRenamed("id", "other"), "p");

    try (LazyRowCounts counts = new LazyRowCounts(spark, "run-select")) {
      Dataset<Row> registered = counts.counted("selected", selected);
      assertSame(selected, registered);
      assertNotSame(joined, counts.counted("joined", joined));
      String plan = registered.where("p = 1").queryExecution().executedPlan().toString();
      assertTrue(plan.contains("PartitionFilters: [isnotnull(p"), plan);
    }
  }

  @Test
  void aStageRemovesWhatKilledRunsOfItLeftOnceOlderThanTheLakesCleanAfter() throws Exception {
    String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    Path oldAttempt = leftover("raw/t/a/_attempt-run=r1-" + uuid + "/part-0.parquet", 3);
    Path oldStaged = leftover("_staging/t/a/r2/part-0.csv", 3);
    Path freshAttempt = leftover("raw/t/a/_attempt-run=r3-" + uuid + "/part-0.parquet", 0);
    Path otherStage = leftover("raw/t/b/_attempt-run=r4-" + uuid + "/part-0.parquet", 3);
    JobSpec job = job("{ name = a, type = numbers, rows = 1 }");

    RunReport report = runner().run(job, RunRequest.defaults(), spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), report.error().orElse(""));
    assertFalse(Files.exists(oldAttempt.getParent()));
    assertFalse(Files.exists(oldStaged.getParent()));
    assertFalse(
        Files.exists(lakeDir.resolve("_staging/t/a")), "the emptied staging folder goes too");
    assertTrue(Files.exists(freshAttempt), "younger than a day: a run may still be writing it");
    assertTrue(Files.exists(otherStage), "only the stage's own leftovers");
    assertEquals(2, report.stage("a").orElseThrow().metrics().get("leftovers_removed"));
  }

  private Path leftover(String relative, int daysOld) throws Exception {
    Path file = lakeDir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    Files.setLastModifiedTime(
        file,
        java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofDays(daysOld))));
    return file;
  }

  @Test
  void aFailedStageSkipsTheRestAndMovesNoWatermark() {
    JobSpec job =
        job(
            """
            { name = a, type = numbers, rows = 5, watermark = "99" }
            { name = b, type = numbers, fail = true }
            { name = c, type = query, sql = "SELECT 1" }
            """);
    RunReport report = runner().run(job, RunRequest.defaults(), spark);

    assertEquals(RunReport.Status.FAILED, report.status());
    assertEquals(1, report.exitCode());
    assertEquals(
        List.of(
            StageReport.Status.SUCCEEDED, StageReport.Status.FAILED, StageReport.Status.SKIPPED),
        report.stages().stream().map(StageReport::status).toList());
    assertEquals("stage 'b' failed: source 'numbers' is unreachable", report.error().orElseThrow());
    assertEquals(Optional.of(StandardFailureCode.INTERNAL_ERROR), report.failureCode());
    Lake lake = new Lake(lakeDir.toUri().toString(), spark.sparkContext().hadoopConfiguration());
    assertFalse(new LakeWatermarkStore(lake).read("t", "a").isPresent());
    assertTrue(Files.exists(lakeDir.resolve("_runs/t/" + report.runId() + "/report.json")));
    assertTrue(ConsoleSummary.render(report).contains("skipped"));
  }

  @Test
  void aClassifiedFailureCarriesItsKindCodeAndTheLineOfTheValueItComesFrom() throws Exception {
    JobSpec job =
        job(
            """
            { name = a, type = numbers, rows = 5 }
            { name = b, type = numbers,
              missing-column = amount }
            """);
    RunReport report = runner().run(job, RunRequest.defaults(), spark);

    assertEquals(
        "stage 'b' failed: t.conf:6: column 'amount' is not in the source",
        report.error().orElseThrow());
    assertEquals(Optional.of(StandardFailureCode.CONFIG_VALUE_NOT_FOUND), report.failureCode());
    assertEquals(
        "t.conf:6: column 'amount' is not in the source",
        report.stage("b").orElseThrow().error().orElseThrow(),
        "the stage's own error does not repeat its name");
    JsonNode json =
        new ObjectMapper()
            .readTree(
                Files.readString(lakeDir.resolve("_runs/t/" + report.runId() + "/report.json")));
    assertEquals("config", json.get("error_kind").asText());
    assertEquals("CONFIG_VALUE_NOT_FOUND", json.get("error_code").asText());
    assertEquals("CONFIG_VALUE_NOT_FOUND", json.get("stages").get(1).get("error_code").asText());
    assertTrue(json.get("stages").get(0).get("error_code").isNull());
    assertTrue(
        ConsoleSummary.render(report)
            .contains(
                "  error (config, CONFIG_VALUE_NOT_FOUND): stage 'b' failed: t.conf:6: column"
                    + " 'amount' is not in the source"),
        ConsoleSummary.render(report));
  }

  @Test
  void generatedRunIdsSortByTimeAndUserIdsMustBeFolderSafe() {
    String id = RunIds.generate(java.time.Instant.parse("2026-11-24T10:15:00Z"));
    assertTrue(id.startsWith("20261124T101500Z-"), id);
    assertTrue(RunIds.check("../etc") != null);
    assertEquals(null, RunIds.check("2026-11-23.daily"));
  }
}
