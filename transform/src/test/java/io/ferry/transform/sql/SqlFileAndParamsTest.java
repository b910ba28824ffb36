package io.ferry.transform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.SparkLine;
import io.ferry.testkit.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class SqlFileAndParamsTest {
  static final String NUMBERS =
      "{ name = numbers, type = sql, sql = \"SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, 'c')"
          + " AS t(id, tag)\" }";

  private static String job(Path lake, String name, String stage) {
    return """
        job.name = %s
        lake.root = "%s"
        params { min_id = 2, tag = "c" }
        stages = [
          %s
          %s
        ]
        """
        .formatted(name, TempLake.under(lake), NUMBERS, stage);
  }

  @Test
  void sqlFileRelativeToTheJobFileWithParamsReplaced(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("jobs/sql"));
    Files.writeString(
        dir.resolve("jobs/sql/picked.sql"),
        "SELECT id, tag FROM numbers\nWHERE id >= ${params.min_id} AND tag <> '${params.tag}'");
    Path jobFile = dir.resolve("jobs/picked.conf");
    Files.writeString(
        jobFile,
        job(
            dir.resolve("lake"),
            "sql_file",
            "{ name = picked_f, type = sql, sql-file = \"sql/picked.sql\" }"));

    JobHarness.fromFile(jobFile).runSuccessfully(spark);

    assertEquals(List.of(RowFactory.create(2, "b")), spark.table("picked_f").collectAsList());
  }

  @Test
  void setOverridesAParamAndInlineSqlUsesIt(SparkSession spark, @TempDir Path lake) {
    String stage =
        "{ name = picked_p, type = sql, sql = \"SELECT id FROM numbers WHERE id >= ${params.min_id}"
            + " ORDER BY id\" }";

    JobHarness.fromHocon(job(lake, "sql_params", stage))
        .set("params.min_id", "3")
        .runSuccessfully(spark);

    assertEquals(List.of(RowFactory.create(3)), spark.table("picked_p").collectAsList());
  }

  @Test
  void unknownParamFailsNamingTheStageAndTheDefinedParams(SparkSession spark, @TempDir Path lake) {
    String stage =
        "{ name = typo, type = sql, sql = \"SELECT * FROM numbers WHERE id = ${params.min_di}\" }";

    RunReport report = JobHarness.fromHocon(job(lake, "sql_unknown", stage)).run(spark);

    assertEquals(
        "unknown parameter ${params.min_di} in the SQL; defined parameters: min_id,"
            + " tag. Set it under 'params' in the job or with --set params.min_di=...",
        report.stage("typo").orElseThrow().error().orElseThrow());
  }

  @Test
  void sqlFileOnS3WithAnErrorNamesTheFileAndThePosition(
      SparkSession spark, S3Server s3, @TempDir Path lake) {
    String bucket = s3.newBucket();
    s3.client()
        .putObject(
            b -> b.bucket(bucket).key("sql/bad.sql"),
            software.amazon.awssdk.core.sync.RequestBody.fromString("SELECT idd FROM numbers"));
    s3.client()
        .putObject(
            b -> b.bucket(bucket).key("sql/good.sql"),
            software.amazon.awssdk.core.sync.RequestBody.fromString(
                "SELECT count(*) AS n FROM numbers"));
    String stages =
        "{ name = good, type = sql, sql-file = \"s3://%s/sql/good.sql\" }\n{ name = bad, type = sql, sql-file = \"s3://%s/sql/bad.sql\" }"
            .formatted(bucket, bucket);

    RunReport report =
        JobHarness.fromHocon(job(lake, "sql_s3", stages) + s3.hoconLakeS3()).run(spark);

    assertEquals(List.<Row>of(RowFactory.create(3L)), spark.table("good").collectAsList());
    String error = report.stage("bad").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith(
            "test-job.conf:7: Spark SQL rejected the statement in s3://"
                + bucket
                + "/sql/bad.sql: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column"
                + SparkLine.either("", ", variable,")
                + " or function parameter with name `idd` cannot be resolved."),
        error);
    assertTrue(error.endsWith("; line 1 pos 7"), error);
  }

  @Test
  void missingSqlFileFailsNamingTheStageAndThePath(SparkSession spark, @TempDir Path lake) {
    String stage = "{ name = gone, type = sql, sql-file = \"/nonexistent/ferry/gone.sql\" }";

    RunReport report = JobHarness.fromHocon(job(lake, "sql_gone", stage)).run(spark);

    String error = report.stage("gone").orElseThrow().error().orElseThrow();
    assertTrue(error.contains("cannot read sql-file /nonexistent/ferry/gone.sql"), error);
  }

  @Test
  void eitherSqlOrSqlFile(@TempDir Path lake) {
    String stages =
        "{ name = both, type = sql, sql = \"SELECT 1\", sql-file = x.sql }\n"
            + "{ name = none, type = sql }";

    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobHarness.fromHocon(job(lake, "sql_rules", stages)).validate());

    List<String> problems =
        e.problems().stream().sorted().map(p -> p.path() + ": " + p.message()).toList();
    assertEquals(
        List.of(
            "stages[1].sql-file: exactly one of 'sql', 'sql-file' must be set, found 2",
            "stages[2]: exactly one of 'sql', 'sql-file' must be set, found 0"),
        problems);
  }
}
