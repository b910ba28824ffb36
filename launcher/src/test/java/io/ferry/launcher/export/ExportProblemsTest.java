package io.ferry.launcher.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code ferry export}: exit 2, every problem at once, located, nothing printed. */
class ExportProblemsTest {
  @TempDir Path dir;

  static final String STAGES =
      """
      job { name = daily }
      lake { root = "s3://acme-lake/ferry" }
      stages = [ { name = report, type = sql, sql = "SELECT 1 AS x" } ]
      """;

  Path job(String text) throws IOException {
    Path file = dir.resolve("daily.conf");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void everyKeyATargetNeedsIsListedAtOnceWhenTheBlockIsMissing() throws IOException {
    Path job = job(STAGES);
    ExportRun run = ExportRun.of(job.toString(), "--to", "step-functions");
    assertEquals(2, run.exitCode(), run.err());
    String f = job.toString();
    assertEquals(
        List.of(
            f
                + ":1: deploy.instance-profile: missing: --to step-functions needs it. EC2 instance"
                + " profile of the cluster's nodes (S3, Secrets Manager access), e.g."
                + " EMR_EC2_DefaultRole.",
            f
                + ":1: deploy.jar: missing: --to step-functions needs it. The Ferry app jar,"
                + " ferry-launcher-<version>.jar.",
            f
                + ":1: deploy.job-file: missing: --to step-functions needs it. The job file as the"
                + " cluster reads it. Default: the job's own location when it is exported from"
                + " s3://. The job was read from '"
                + f
                + "': upload it and set deploy.job-file, or export it from its s3:// location.",
            f
                + ":1: deploy.log-uri: missing: --to step-functions needs it. Where EMR (or EMR"
                + " Serverless) writes step, driver and executor logs.",
            f
                + ":1: deploy.master-instance-type: missing: --to step-functions needs it. Primary"
                + " node type, e.g. m5.xlarge.",
            f
                + ":1: deploy.release-label: missing: --to step-functions needs it. Amazon EMR"
                + " release, e.g. emr-7.12.0.",
            f
                + ":1: deploy.service-role: missing: --to step-functions needs it. EMR service role,"
                + " e.g. EMR_DefaultRole_V2."),
        run.problems());
    assertEquals("", run.out());
  }

  @Test
  void wrongKeysAndTypesAreLocatedWithADidYouMean() throws IOException {
    Path job =
        job(
            STAGES
                + """
                deploy {
                  jar = "https://example.com/ferry.jar"
                  job-file = "s3://acme/jobs/daily.conf"
                  cluster-id = j-1
                  relase-label = emr-7.12.0
                  core-instance-count = lots
                  timeout = soon
                  start-date = "1st of May"
                  spark-conf = 8g
                }
                """);
    ExportRun run = ExportRun.of(job.toString(), "--to", "emr-step");
    assertEquals(2, run.exitCode(), run.err());
    String f = job.toString();
    assertEquals(
        List.of(
            f
                + ":5: deploy.jar: expected an s3:// URI (s3://bucket/key), found"
                + " 'https://example.com/ferry.jar'",
            f
                + ":8: deploy.relase-label: unknown key (did you mean 'release-label'?); allowed"
                + " here: application-id, cluster-id, core-instance-count, core-instance-type,"
                + " env-file, execution-role-arn, instance-profile, jar, job-file, log-uri,"
                + " master-instance-type, pipeline-role, region, release-label, retries,"
                + " schedule, service-role, spark-conf, start-date, subnet-id, timeout",
            f + ":9: deploy.core-instance-count: expected an integer, found 'lots'",
            f + ":10: deploy.timeout: expected a duration (e.g. 90m, 6h), found 'soon'",
            f + ":11: deploy.start-date: expected a date YYYY-MM-DD, found '1st of May'",
            f
                + ":12: deploy.spark-conf: expected an object of strings { \"key\" = value },"
                + " found '8g'"),
        run.problems());
  }

  @Test
  void theEnvFilesDeployKeysWinOverTheJobsAndSetWinsOverBoth() {
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB,
            "--env",
            "prod",
            "--to",
            "emr-step",
            "--set",
            "deploy.cluster-id=j-FROMSET");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"JobFlowId\": \"j-FROMSET\""), run.out());
    ExportRun steps = ExportRun.of(ExportRun.JOB, "--env", "prod", "--to", "step-functions");
    // emr-7.0.0 in the job file, emr-7.12.0 in env/prod.conf
    assertTrue(steps.out().contains("\"ReleaseLabel\": \"emr-7.12.0\""), steps.out());
  }

  @Test
  void aLocalEnvFileNeedsItsS3Location() throws IOException {
    Path env = dir.resolve("prod.conf");
    Files.copy(Path.of("src/test/resources/export/env/prod.conf"), env);
    ExportRun run = ExportRun.of(ExportRun.JOB, "--env", env.toString(), "--to", "emr-step");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.problems().size(), run.err());
    assertTrue(
        run.problems()
            .get(0)
            .endsWith(
                "deploy.env-file: missing: --env '"
                    + env
                    + "' is a local file the cluster cannot read; upload it and set"
                    + " deploy.env-file to its s3:// URI, or pass --env NAME"),
        run.err());
  }

  @Test
  void aSecretGivenWithSetIsRefusedAndNotPrinted() {
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB,
            "--env",
            "prod",
            "--to",
            "emr-step",
            "--set",
            "connections.warehouse.password=Set-Secret-0815");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(
        "ferry: --set connections.warehouse.password sets a secret, which an export would write"
            + " in clear; set it in the env file as { env = NAME } or { secrets-manager = ID }"
            + " instead",
        run.err().strip());
    assertEquals("", run.out());
    assertFalse(run.err().contains("Set-Secret-0815"));
  }

  @Test
  void aSecretValueInSparkConfIsRefusedAndNotPrinted() {
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB,
            "--env",
            "prod",
            "--to",
            "emr-step",
            "--set",
            "deploy.spark-conf.x=Inline-Secret-4711");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("would hold a secret value"), run.err());
    assertFalse(run.err().contains("Inline-Secret-4711"), run.err());
  }

  @Test
  void stepArgumentsOverTenThousandTwoHundredFortyCharactersAreRefused() {
    String big = "x".repeat(10_300);
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB, "--env", "prod", "--to", "emr-step", "--set", "params.note=" + big);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.problems().size(), run.err());
    assertTrue(
        run.problems()
            .get(0)
            .matches(
                ".*env/prod.conf(:\\d+)?: deploy: the step's arguments come to 10\\d{3} characters;"
                    + " EMR takes at most 10240. Shorten deploy.spark-conf, the --set values or"
                    + " the S3 paths"),
        run.err());
  }

  @Test
  void anEntryPointOverFourThousandNinetySixCharactersIsRefused() {
    String jar = "s3://acme/" + "j".repeat(4_100) + ".jar";
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB, "--env", "prod", "--to", "emr-serverless", "--set", "deploy.jar=" + jar);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.problems().size(), run.err());
    assertTrue(
        run.problems()
            .get(0)
            .endsWith(
                "deploy: deploy.jar is 4114 characters; EMR Serverless takes an entry point of at"
                    + " most 4096"),
        run.err());
  }

  @Test
  void aValueAirflowWouldRenderAsATemplateIsRefused() {
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB, "--env", "prod", "--to", "airflow", "--set", "params.x=run-{{ oops }}");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.problems().size(), run.err());
    assertTrue(
        run.problems()
            .get(0)
            .endsWith(
                "deploy: 'params.x=run-{{ oops }}' holds '{{', '{%' or '{#', which Airflow would"
                    + " render as a template; remove it"),
        run.err());
  }

  @Test
  void dataPipelineTakesOnlyHourlyDailyOrWeeklySchedules() {
    ExportRun run =
        ExportRun.of(
            ExportRun.JOB,
            "--env",
            "prod",
            "--to",
            "data-pipeline",
            "--set",
            "deploy.schedule=0 3 * * *");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(
        List.of(
            "--set deploy.schedule: AWS Data Pipeline runs @hourly, @daily or"
                + " @weekly here, found '0 3 * * *'"),
        run.problems());
  }

  @Test
  void anUnknownTargetListsTheTargets() {
    ExportRun run = ExportRun.of(ExportRun.JOB, "--to", "oozie");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(
        "ferry: --to 'oozie' is not a target; use one of airflow, airflow-serverless,"
            + " step-functions, step-functions-serverless, emr-serverless, emr-step, data-pipeline",
        run.err().strip());
  }

  @Test
  void aJobReadFromS3IsItsOwnJobFile() {
    assertEquals(
        "s3://acme/jobs/x.conf",
        DeploySpec.read(
                com.typesafe.config.ConfigFactory.parseString(
                    "deploy { jar = \"s3://acme/ferry.jar\", cluster-id = j-1 }"),
                "s3://acme/jobs/x.conf",
                java.util.Optional.of("prod"),
                ExportTarget.EMR_STEP)
            .jobFile());
  }
}
