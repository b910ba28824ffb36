package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.ingest.jdbc.SourceFaults.Fault;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SharedSpark;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A partition's first attempt fails mid-read and Spark retries it, as a cluster does: the retried
 * attempt reads the same snapshot (the planner's session is still open), and the committed run is
 * exactly the source: same rows, same order-independent hash, one file per partition, no attempt
 * left behind. Needs a master that retries tasks: this class runs in its own test JVM with {@code
 * local[2,3]} (ingest-jdbc's pom, execution {@code task-retries}).
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class TaskRetryIngestTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    SourceFaults.createSource(db);
  }

  @BeforeEach
  void needsRetries() {
    Assumptions.assumeTrue(
        SharedSpark.MASTER.matches("local\\[\\d+,\\s*[2-9]\\d*\\]"),
        "needs a master that retries failed tasks, e.g. -D"
            + SharedSpark.MASTER_PROPERTY
            + "=local[2,3]");
  }

  @ParameterizedTest(name = "{0}, direct = {1}")
  @CsvSource({"CANCEL, true", "TERMINATE, true", "TERMINATE, false"})
  void aPartitionFailingOnItsFirstAttemptIsRetriedAndTheCommittedRunIsExactlyTheSource(
      Fault fault, boolean direct, SparkSession spark, PostgresDatabase db, @TempDir Path lake)
      throws Exception {
    String name = fault.name().toLowerCase(java.util.Locale.ROOT) + (direct ? "_direct" : "_jdbc");

    RunReport report = SourceFaults.run(spark, db, lake, SourceFaults.stage(name, direct), fault);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(direct ? "direct" : "jdbc", metric(report, name, "read_mode"));
    assertEquals(true, metric(report, name, "consistent_read"));
    Path stageFolder = lake.resolve("raw/ingest_test/" + name);
    Path run = stageFolder.resolve("run=r1");
    assertEquals(SourceFaults.sourceDigest(db), SourceFaults.lakeDigest(spark, run));
    assertEquals(List.of("run=r1"), SourceFaults.entries(stageFolder), "no attempt folder left");
    List<String> files =
        SourceFaults.entries(run).stream().filter(f -> !f.endsWith(".crc")).toList();
    assertEquals(3, files.size(), files.toString());
    assertEquals("_SUCCESS", files.get(0));
    assertTrue(files.get(1).startsWith("part-00000-"), files.toString());
    assertTrue(files.get(2).startsWith("part-00001-"), files.toString());
  }
}
