package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class SampleIngestTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE facts (id integer PRIMARY KEY, v text)",
        "INSERT INTO facts SELECT g, 'v' || g FROM generate_series(1, 2000) g");
  }

  private static List<Integer> ids(SparkSession spark, String view) {
    return spark.table(view).select("id").collectAsList().stream()
        .map(r -> r.getInt(0))
        .sorted()
        .toList();
  }

  @Test
  void tableSampleReadsTheSameSliceOnEveryRunAndTheRunFlagOverridesTheOption(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    JobHarness harness =
        JobHarness.fromHocon(
            job(
                lake,
                db,
                """
                { name = facts, type = jdbc-ingest, connection = src, table = facts, sample = 0.1 }
                { name = modulo, type = jdbc-ingest, connection = src, split-by = id, sample = 0.01,
                  query = "SELECT id, v FROM facts WHERE $CONDITIONS" }
                """));

    RunReport first = harness.run(spark);
    List<Integer> sample = ids(spark, "facts");
    harness.run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, first.status(), () -> first.error().orElse(""));
    assertEquals(sample, ids(spark, "facts"));
    assertTrue(sample.size() > 100 && sample.size() < 300, "sample of " + sample.size());
    assertEquals(0.1, metric(first, "facts", "sample"));
    assertEquals(
        java.util.stream.IntStream.rangeClosed(1, 20).map(i -> i * 100).boxed().toList(),
        ids(spark, "modulo"));

    RunReport flagged =
        harness.run(spark, new RunRequest(Optional.empty(), OptionalDouble.of(0.5)));
    assertEquals(
        java.util.stream.IntStream.rangeClosed(1, 1000).map(i -> i * 2).boxed().toList(),
        ids(spark, "modulo"));
    assertEquals(0.5, metric(flagged, "modulo", "sample"));
  }

  @Test
  void aQueryWithoutAnIntegerSplitColumnCannotBeSampled(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    RunReport report =
        JobHarness.fromHocon(
                job(
                    lake,
                    db,
                    "{ name = q, type = jdbc-ingest, connection = src, sample = 0.5,"
                        + " query = \"SELECT v FROM facts\" }"))
            .run(spark);

    assertEquals(
        "sampling query on postgresql needs an integer split column for its modulo"
            + " predicate; set split-by to an integer column",
        error(report, "q"));
  }
}
