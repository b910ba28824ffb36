package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SharedSpark;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A source session terminated mid-read, with no task retries (the default test master, {@code
 * local[2]}, as {@code spark.task.maxFailures = 1}): the stage fails with the database's words and
 * nothing is committed. {@code TaskRetryIngestTest} runs the same fault where tasks retry.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class SourceFaultTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    SourceFaults.createSource(db);
  }

  @ParameterizedTest(name = "direct = {0}")
  @ValueSource(booleans = {true, false})
  void aSessionTerminatedMidReadFailsTheStageClearlyAndCommitsNothing(
      boolean direct, SparkSession spark, PostgresDatabase db, @TempDir Path lake)
      throws Exception {
    Assumptions.assumeFalse(
        SharedSpark.MASTER.matches("local\\[\\d+,\\s*\\d+\\]"), "needs a master without retries");
    String name = direct ? "killed_direct" : "killed_jdbc";

    RunReport report =
        SourceFaults.run(
            spark, db, lake, SourceFaults.stage(name, direct), SourceFaults.Fault.TERMINATE);

    assertEquals(RunReport.Status.FAILED, report.status());
    String message = error(report, name);
    assertTrue(
        message.startsWith(
            "cannot read table \"faulty\" from connection 'src' at " + host(db) + ": "),
        message);
    // pgjdbc loses the server's words when a COPY's session dies; JDBC mode keeps them.
    assertTrue(
        message.contains(
            direct
                ? "the source session ended in the middle of the read"
                : "FATAL: terminating connection due to administrator command"),
        message);
    assertEquals(List.of(), SourceFaults.entries(lake.resolve("raw/ingest_test/" + name)));
  }
}
