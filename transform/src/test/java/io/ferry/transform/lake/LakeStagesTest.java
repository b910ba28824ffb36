package io.ferry.transform.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class LakeStagesTest {

  private static String job(String name, String root, String stages) {
    return """
        job.name = %s
        lake.root = "%s"
        stages = [
          %s
        ]
        """
        .formatted(name, root, stages);
  }

  private static String rows(String name, String values) {
    return "{ name = %s, type = sql, sql = \"SELECT * FROM VALUES %s AS t(id, day)\" }"
        .formatted(name, values);
  }

  private static RunRequest runId(String id) {
    return new RunRequest(Optional.of(id), OptionalDouble.empty());
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  @Test
  void overwriteCommitsPartitionedParquetAndARerunReplacesIt(SparkSession spark, @TempDir Path lake)
      throws Exception {
    String write =
        "{ name = saved, type = lake-write, path = curated/events, partition-by = [day] }";
    String first = rows("src", "(1, 'd1'), (2, 'd1'), (3, 'd2')") + "\n" + write;
    String second = rows("src", "(7, 'd2')") + "\n" + write;

    RunReport one =
        JobHarness.fromHocon(job("lake_w", TempLake.under(lake), first))
            .run(spark, runId("20261123T000000Z-first"));
    RunReport two =
        JobHarness.fromHocon(job("lake_w", TempLake.under(lake), second))
            .run(spark, runId("20261124T000000Z-second"));

    assertEquals(RunReport.Status.SUCCEEDED, one.status(), one.error().orElse(""));
    assertEquals(OptionalLong.of(3), one.stage("saved").orElseThrow().rowsOut());
    assertEquals(RunReport.Status.SUCCEEDED, two.status(), two.error().orElse(""));
    assertEquals(List.of("_SUCCESS", "day=d2"), names(lake.resolve("curated/events")));
    assertEquals(List.of("events"), names(lake.resolve("curated")), "no staging folder left");
    String read =
        "{ name = back, type = lake-read, path = curated/events, filter = \"day = 'd2'\" }";
    JobHarness.fromHocon(job("lake_r", TempLake.under(lake), read)).runSuccessfully(spark);
    assertEquals(List.of(RowFactory.create(7, "d2")), spark.table("back").collectAsList());
  }

  @Test
  void appendRunKeepsEarlierRunsAndReplacesItsOwn(SparkSession spark, @TempDir Path lake)
      throws Exception {
    String write =
        "{ name = saved, type = lake-write, path = hist, mode = append-run, format = json }";
    JobHarness.fromHocon(
            job("lake_a", TempLake.under(lake), rows("src", "(1, 'a')") + "\n" + write))
        .run(spark, runId("r1"));
    JobHarness.fromHocon(
            job("lake_a", TempLake.under(lake), rows("src", "(2, 'b')") + "\n" + write))
        .run(spark, runId("r2"));
    RunReport rerun =
        JobHarness.fromHocon(
                job(
                    "lake_a",
                    TempLake.under(lake),
                    rows("src", "(3, 'c'), (4, 'c')") + "\n" + write))
            .run(spark, runId("r2"));

    assertEquals(RunReport.Status.SUCCEEDED, rerun.status(), rerun.error().orElse(""));
    assertEquals(List.of("run=r1", "run=r2"), names(lake.resolve("hist")));
    assertTrue(Files.exists(lake.resolve("hist/run=r2/_SUCCESS")));
    Files.createDirectories(lake.resolve("hist/run=r3"));
    Files.writeString(
        lake.resolve("hist/run=r3/part-00000.json"), "{\"id\": 99, \"day\": \"torn\"}\n");
    String read =
        "{ name = all_runs, type = lake-read, path = hist, format = json, schema = \"id INT, day"
            + " STRING, run STRING\" }";
    JobHarness.fromHocon(job("lake_ar", TempLake.under(lake), read)).runSuccessfully(spark);
    assertEquals(
        List.of(
            RowFactory.create(1, "a", "r1"),
            RowFactory.create(3, "c", "r2"),
            RowFactory.create(4, "c", "r2")),
        spark.table("all_runs").orderBy("id").collectAsList());
  }

  @Test
  void rawRunsReadOnlyCommittedFoldersLatestOrByRunId(SparkSession spark, @TempDir Path lake)
      throws Exception {
    String root = TempLake.under(lake);
    for (String run : List.of("20261101T000000Z-a", "20261102T000000Z-b", "20261103T000000Z-c")) {
      spark
          .sql("SELECT '" + run + "' AS run_id")
          .write()
          .parquet(lake.resolve("raw/ingest_job/orders/run=" + run).toString());
    }
    Files.delete(lake.resolve("raw/ingest_job/orders/run=20261103T000000Z-c/_SUCCESS"));
    String latest = "{ name = latest, type = lake-read, raw-stage = orders, raw-job = ingest_job }";
    String given =
        "{ name = given, type = lake-read, raw-stage = orders, raw-job = ingest_job, run-id ="
            + " 20261101T000000Z-a }";
    String torn =
        "{ name = torn, type = lake-read, raw-stage = orders, raw-job = ingest_job, run-id ="
            + " 20261103T000000Z-c }";

    RunReport report =
        JobHarness.fromHocon(job("reader", root, String.join("\n", latest, given, torn)))
            .run(spark);

    assertEquals(
        List.of(RowFactory.create("20261102T000000Z-b")), spark.table("latest").collectAsList());
    assertEquals(
        "20261102T000000Z-b", report.stage("latest").orElseThrow().metrics().get("run-id"));
    assertEquals(
        List.of(RowFactory.create("20261101T000000Z-a")), spark.table("given").collectAsList());
    String error = report.stage("torn").orElseThrow().error().orElseThrow();
    assertTrue(
        error.startsWith(
            "raw run 20261103T000000Z-c of ingest_job/orders is not committed (no"
                + " _SUCCESS in "),
        error);

    RunReport none =
        JobHarness.fromHocon(
                job("reader", root, "{ name = nothing, type = lake-read, raw-stage = customers }"))
            .run(spark);
    assertEquals(
        "no committed raw run under file:"
            + lake.toAbsolutePath()
            + "/raw/reader/customers; run the job that ingests 'customers' first",
        none.stage("nothing").orElseThrow().error().orElseThrow());
  }

  @Test
  void csvWithReaderOptionsAndADdlSchema(SparkSession spark, @TempDir Path lake) throws Exception {
    Files.createDirectories(lake.resolve("in"));
    Files.writeString(lake.resolve("in/a.csv"), "id;name\n1;Ada\n2;\"Grace; H\"\n");
    String read =
        "{ name = people, type = lake-read, path = \"%s\", format = csv, options { header = true,"
            + " sep = \";\" }, schema = \"id BIGINT, name STRING\" }";

    JobHarness.fromHocon(
            job("csv_read", TempLake.under(lake), read.formatted(lake.resolve("in").toString())))
        .runSuccessfully(spark);

    assertEquals(
        List.of(RowFactory.create(1L, "Ada"), RowFactory.create(2L, "Grace; H")),
        spark.table("people").orderBy("id").collectAsList());
  }

  @Test
  void writesAndReadsOnS3(SparkSession spark, S3Server s3) {
    String bucket = s3.newBucket();
    String stages =
        rows("src", "(1, 'x'), (2, 'y')")
            + "\n{ name = out, type = lake-write, path = \"s3://"
            + bucket
            + "/curated/xy\", format = orc }"
            + "\n{ name = back_s3, type = lake-read, path = \"s3://"
            + bucket
            + "/curated/xy\", format = orc }";

    JobHarness.fromHocon(job("s3_lake", "s3a://" + bucket + "/lake", stages) + s3.hoconLakeS3())
        .runSuccessfully(spark);

    List<Row> rows = spark.table("back_s3").orderBy("id").collectAsList();
    assertEquals(List.of(RowFactory.create(1, "x"), RowFactory.create(2, "y")), rows);
    var keys =
        s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("curated/")).contents().stream()
            .map(o -> o.key())
            .toList();
    assertTrue(keys.contains("curated/xy/_SUCCESS"), keys.toString());
    assertFalse(keys.stream().anyMatch(k -> k.contains(".ferry-")), keys.toString());
  }

  @Test
  void optionProblemsAreReportedBeforeSpark(@TempDir Path lake) {
    String stages =
        """
        { name = a, type = lake-read, path = x, raw-stage = y }
        { name = b, type = lake-read, raw-stage = y, format = csv }
        { name = c, type = lake-read, path = x, schema = "id BIGINTT" }
        { name = d, type = lake-read, path = x, filter = "id >" }
        { name = e, type = lake-read, path = x, run-id = r1 }
        { name = f, type = lake-write, path = "s3://bucket/", partition-by = ["a b"] }
        { name = g, type = lake-write, path = "../up", mode = replace }
        """;

    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobHarness.fromHocon(job("bad", TempLake.under(lake), stages)).validate());

    List<String> problems =
        e.problems().stream().map(p -> p.path() + ": " + p.message()).sorted().toList();
    assertEquals(8, problems.size(), e::getMessage);
    assertEquals(
        "stages[0].raw-stage: exactly one of 'path', 'raw-stage' must be set, found 2",
        problems.get(0));
    assertEquals(
        "stages[1].format: format = csv does not apply when 'raw-stage' is set; use parquet",
        problems.get(1));
    assertTrue(
        problems.get(2).startsWith("stages[2].schema: not a Spark DDL schema:"), problems.get(2));
    assertTrue(
        problems.get(3).startsWith("stages[3].filter: [PARSE_SYNTAX_ERROR]"), problems.get(3));
    assertEquals("stages[4].run-id: run-id requires 'raw-stage' to be set", problems.get(4));
    assertTrue(
        problems.get(5).startsWith("stages[5].partition-by: 'a b' is not a valid SQL name"),
        problems.get(5));
    assertEquals(
        "stages[5].path: 's3://bucket/' is a bucket root; write to a folder inside it",
        problems.get(6));
    assertEquals(
        "stages[6].mode: expected one of overwrite|append-run, found 'replace'", problems.get(7));
  }
}
