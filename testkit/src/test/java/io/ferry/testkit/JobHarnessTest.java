package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.engine.stage.StageRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class JobHarnessTest {

  private static String rangeJob(String lakeRoot) {
    return """
        job.name = numbers
        params.rows = 5
        lake.root = "%s"
        stages = [
          { name = numbers, type = range, rows = ${params.rows} }
        ]
        """
        .formatted(lakeRoot);
  }

  @Test
  void runsAJobAndWritesTheReportToTheLake(SparkSession spark, @TempDir Path tmp) {
    RunRequest request =
        new RunRequest(Optional.of("20261123T000000Z-test"), OptionalDouble.empty());

    RunReport report = JobHarness.fromHocon(rangeJob(TempLake.under(tmp))).run(spark, request);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals("numbers", report.job());
    assertEquals("20261123T000000Z-test", report.runId());
    StageReport stage = report.stage("numbers").orElseThrow();
    assertEquals(StageReport.Status.SUCCEEDED, stage.status());
    assertEquals(OptionalLong.of(5), stage.rowsOut());
    Path json = tmp.resolve("_runs/numbers/20261123T000000Z-test/report.json");
    assertTrue(Files.isRegularFile(json), () -> "no report at " + json);
    assertTrue(report.location().orElseThrow().endsWith("/report.json"));
    assertEquals(5L, spark.table("numbers").count(), "the output is registered as a view");
  }

  @Test
  void setAndEnvLayerLikeTheLauncher(SparkSession spark, @TempDir Path tmp) {
    JobHarness harness =
        JobHarness.fromHocon(rangeJob(TempLake.under(tmp)))
            .withEnv("params.rows = 2\njob.description = from env")
            .set("params.rows", "7");

    JobSpec spec = harness.validate();
    RunReport report = harness.runSuccessfully(spark);

    assertEquals("from env", spec.description());
    assertEquals(7, spec.params().getInt("rows"));
    assertEquals(OptionalLong.of(7), report.stage("numbers").orElseThrow().rowsOut());
  }

  @Test
  void invalidJobsThrowWithLocatedProblems(@TempDir Path tmp) {
    JobHarness harness =
        JobHarness.fromHocon(
            rangeJob(TempLake.under(tmp)).replace("rows = ${params.rows}", "rowz = 3"));

    InvalidJobException e = assertThrows(InvalidJobException.class, harness::validate);

    Problem problem = e.problems().get(0);
    assertEquals(JobHarness.JOB_SOURCE, problem.file());
    assertEquals("stages[0].rowz", problem.path());
    assertTrue(problem.message().contains("did you mean 'rows'"), problem::message);
  }

  @Test
  void jobFilesAreLocatedByTheirPath(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("numbers.conf");
    Files.writeString(file, rangeJob(TempLake.under(tmp)) + "stray = 1\n");

    InvalidJobException e =
        assertThrows(InvalidJobException.class, () -> JobHarness.fromFile(file).validate());

    Problem problem = e.problems().get(0);
    assertEquals(file.toString(), problem.file());
    assertEquals(7, problem.line());
    assertEquals("stray", problem.path());
  }

  @Test
  void registryDecidesWhichStageTypesExist(@TempDir Path tmp) {
    JobHarness harness =
        JobHarness.fromHocon(rangeJob(TempLake.under(tmp))).registry(StageRegistry.of());

    InvalidJobException e = assertThrows(InvalidJobException.class, harness::validate);

    assertTrue(e.getMessage().contains("unknown stage type 'range'"), e::getMessage);
  }

  @Test
  void failedRunsAreReportedAndRunSuccessfullyNamesTheStage(SparkSession spark, @TempDir Path tmp) {
    JobHarness harness =
        JobHarness.fromHocon(
            rangeJob(TempLake.under(tmp))
                .replace("rows = ${params.rows}", "rows = ${params.rows}, fail = boom"));

    RunReport report = harness.run(spark);
    AssertionError error = assertThrows(AssertionError.class, () -> harness.runSuccessfully(spark));

    assertEquals(RunReport.Status.FAILED, report.status());
    assertEquals(1, report.exitCode());
    assertTrue(report.error().orElseThrow().contains("boom"), report.error()::orElseThrow);
    assertTrue(error.getMessage().contains("stage 'numbers': boom"), error::getMessage);
  }

  @Test
  void runsWithTheLakeOnTheS3ServerFromTheJobsLakeS3Block(SparkSession spark, S3Server s3) {
    String bucket = s3.newBucket();
    String job = rangeJob("s3a://" + bucket + "/lake") + s3.hoconLakeS3();
    // Prove that the job's lake.s3 block alone reaches the server: the runner sets these again.
    s3.hadoopS3aSettings().keySet().forEach(spark.sparkContext().hadoopConfiguration()::unset);

    RunReport report = JobHarness.fromHocon(job).runSuccessfully(spark);

    List<String> keys =
        s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("lake/_runs/")).contents().stream()
            .map(S3Object::key)
            .toList();
    assertEquals(List.of("lake/_runs/numbers/" + report.runId() + "/report.json"), keys);
    String json =
        s3.client().getObjectAsBytes(b -> b.bucket(bucket).key(keys.get(0))).asUtf8String();
    assertTrue(json.contains("\"status\" : \"succeeded\""), json);
    assertFalse(json.contains(s3.secretKey()));
  }
}
