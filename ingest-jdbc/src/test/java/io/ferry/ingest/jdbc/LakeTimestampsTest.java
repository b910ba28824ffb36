package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.runId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the lake's Parquet files hold timestamps: INT64 microseconds, not Spark's default INT96; the
 * values (in the test session's UTC) are the source's, those before 1582 included.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class LakeTimestampsTest {

  @Test
  void timestampsAreWrittenAsInt64MicrosecondsAndReadBackExactly(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws IOException {
    db.execute(
        "CREATE TABLE stamps (id integer PRIMARY KEY, at timestamptz, wall timestamp)",
        "INSERT INTO stamps VALUES"
            + " (1, '2026-03-28 23:30:00.123456+00', '2026-03-28 23:30:00.654321'),"
            + " (2, '1500-01-01 00:00:00.000001+00', '1500-01-01 12:00:00'),"
            + " (3, NULL, NULL)");
    String stages = "{ name = stamps, type = jdbc-ingest, connection = src, table = stamps }";

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark, runId("r1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    Path folder = lake.resolve("raw/ingest_test/stamps/run=r1");
    MessageType schema = footerSchema(folder);
    assertEquals(
        "optional int64 at (TIMESTAMP(MICROS,true))", schema.getType("at").toString().trim());
    assertEquals(
        "optional int64 wall (TIMESTAMP(MICROS,false))", schema.getType("wall").toString().trim());
    assertEquals(
        List.of(
            "1|2026-03-28 23:30:00.123456|2026-03-28 23:30:00.654321",
            "2|1500-01-01 00:00:00.000001|1500-01-01 12:00:00",
            "3|null|null"),
        spark
            .read()
            .parquet(folder.toUri().toString())
            .orderBy("id")
            .selectExpr(
                "concat_ws('|', id, coalesce(string(at), 'null'), coalesce(string(wall), 'null'))")
            .as(Encoders.STRING())
            .collectAsList());
  }

  private static MessageType footerSchema(Path folder) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(folder)) {
      file =
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow();
    }
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }
}
