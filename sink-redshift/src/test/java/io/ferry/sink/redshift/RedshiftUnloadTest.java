package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.sink.redshift.amazon.S3Credentials;
import io.ferry.sink.redshift.unload.UnloadStatement;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
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

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class RedshiftUnloadTest {

  @Test
  void unloadStatementQuotesTheQueryAsALiteralAndMasksKeys() {
    UnloadStatement role =
        new UnloadStatement(
            "SELECT * FROM sales WHERE region = 'EU'",
            "s3://bucket/lake/raw/j/export/run=r1/part_",
            S3Credentials.iamRole("arn:aws:iam::123456789012:role/unload"));
    UnloadStatement keys =
        new UnloadStatement(
            "SELECT 1",
            "s3://bucket/p/part_",
            S3Credentials.keys("AKIAUNLOADKEY001", "unloadSecretValue9", Optional.empty()));

    assertEquals(
        "UNLOAD ('SELECT * FROM sales WHERE region = ''EU''') TO"
            + " 's3://bucket/lake/raw/j/export/run=r1/part_' IAM_ROLE"
            + " 'arn:aws:iam::123456789012:role/unload' FORMAT AS PARQUET MANIFEST ALLOWOVERWRITE",
        role.sql());
    assertEquals("s3://bucket/lake/raw/j/export/run=r1/part_manifest", role.manifestUrl());
    assertEquals(
        "UNLOAD ('SELECT 1') TO 's3://bucket/p/part_' ACCESS_KEY_ID '*****' SECRET_ACCESS_KEY"
            + " '*****' FORMAT AS PARQUET MANIFEST ALLOWOVERWRITE",
        keys.display());
    assertTrue(keys.sql().contains("SECRET_ACCESS_KEY 'unloadSecretValue9'"));
  }

  @Test
  void postgresUnloadRoundTripsEveryValueIntoAnotherTable(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    db.execute(
        "CREATE SCHEMA un",
        "CREATE TABLE un.src (id bigint, amount numeric(12,2), note text, at timestamptz,"
            + " local timestamp, day date, flag boolean)",
        "INSERT INTO un.src VALUES (1, 10.50, 'Grüße \"q\"' || chr(10) || 'x', '2026-11-24"
            + " 10:00:00.5+00', '2026-11-24 01:02:03', '2026-11-24', true), (2, NULL, '', NULL,"
            + " NULL, NULL, NULL), (3, -0.01, NULL, '1970-01-01 00:00:00+00', NULL, NULL,"
            + " false)");
    String hocon =
        """
        job.name = unload
        lake.root = "%s"
        %s
        stages = [
          { name = export, type = redshift-unload, connection = wh, dialect = postgres,
            query = "SELECT * FROM un.src WHERE note IS DISTINCT FROM 'never'" }
          { name = back, type = redshift-load, connection = wh, dialect = postgres, table = un.dst }
        ]
        """
            .formatted(TempLake.under(lake), db.hoconConnection("wh"));

    RunReport report =
        JobHarness.fromHocon(hocon)
            .run(spark, new RunRequest(Optional.of("u1"), OptionalDouble.empty()));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(OptionalLong.of(3), report.stage("export").orElseThrow().rowsOut());
    assertTrue(Files.exists(lake.resolve("raw/unload/export/run=u1/_SUCCESS")));
    String compare =
        "SELECT id FROM (SELECT * FROM un.src EXCEPT SELECT id, amount, note, at, local, day,"
            + " flag FROM un.dst) d";
    assertEquals(List.of(), db.query(compare), () -> db.query("SELECT * FROM un.dst").toString());
    assertEquals(
        List.of(List.of(3L, 1L, 1L)),
        db.query(
            "SELECT count(*), count(*) FILTER (WHERE note = ''), count(*) FILTER (WHERE note IS"
                + " NULL) FROM un.dst"));
  }
}
