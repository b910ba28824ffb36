package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static io.ferry.ingest.jdbc.IngestJobs.runId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.lake.Lake;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake's S3 server stopped in the middle of an ingest's write, then started again on the same
 * port with the same data: the run fails naming the stage and the lake folder, commits nothing,
 * moves no watermark, and the rerun is exact. The table is read in two partitions; the first waits
 * at the gate row ({@link SourceGate}) while the second writes and commits its task's file, then
 * the server stops and the gate opens, so the first partition's file meets a stopped server. The
 * test owns its server ({@link S3Server#start}); the JVM's shared one is never disturbed.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class LakeFaultTest {
  private static final String STAGE = "lake_fault";

  /** S3A gives up after one attempt: the failure takes seconds, not S3A's minutes of retries. */
  private static final Map<String, String> FAIL_FAST =
      Map.of(
          "attempts.maximum", "1",
          "retry.limit", "1",
          "retry.interval", "50ms",
          "connection.establish.timeout", "2s",
          "connection.timeout", "2s");

  @Test
  void aServerStoppedMidWriteFailsTheRunCommittingNothingAndARerunAfterItsRestartIsExact(
      SparkSession spark, PostgresDatabase db, @TempDir Path s3Data) throws Exception {
    SourceFaults.createSource(db);
    S3Server s3 = S3Server.start(s3Data);
    String bucket = s3.newBucket();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    FAIL_FAST.forEach((key, value) -> hadoop.set("fs.s3a.bucket." + bucket + "." + key, value));
    JobHarness job = JobHarness.fromHocon(job(s3, bucket, db));
    try {
      RunReport failed = runStoppingTheServerMidWrite(spark, db, s3, bucket, job);

      assertEquals(RunReport.Status.FAILED, failed.status());
      assertEquals(Optional.of(StandardFailureCode.TARGET_WRITE_FAILED), failed.failureCode());
      String folder = "s3a://" + bucket + "/lake/raw/ingest_test/" + STAGE;
      assertTrue(
          failed.error().orElseThrow().startsWith("stage '" + STAGE + "' failed: "),
          failed.error().orElseThrow());
      String error = error(failed, STAGE);
      assertTrue(
          error.startsWith(
              "cannot write the lake folder "
                  + folder
                  + "; nothing was committed. Check that the lake is reachable and writable"),
          error);
      assertTrue(error.contains("\n  caused by: "), error);
      assertFalse(error.contains("Job aborted") || error.contains("\tat "), error);

      s3.restart();
      List<String> afterFailure = keys(s3, bucket);
      assertFalse(
          afterFailure.stream().anyMatch(k -> k.endsWith("/_SUCCESS")), afterFailure::toString);
      assertFalse(
          afterFailure.stream().anyMatch(k -> k.startsWith("lake/_state/")),
          afterFailure::toString);
      Lake lake = new Lake("s3a://" + bucket + "/lake", hadoop);
      assertFalse(lake.isCommitted(lake.rawRun("ingest_test", STAGE, "r1")));
      assertEquals(Optional.empty(), lake.latestCommittedRun("ingest_test", STAGE));

      RunReport rerun = job.run(spark, runId("r1"));

      assertEquals(RunReport.Status.SUCCEEDED, rerun.status(), () -> rerun.error().orElse(""));
      assertEquals("append from the start up to 4000", metric(rerun, STAGE, "incremental"));
      assertEquals("4000", metric(rerun, STAGE, "watermark"));
      assertEquals(
          Optional.of(lake.rawRun("ingest_test", STAGE, "r1")),
          lake.latestCommittedRun("ingest_test", STAGE));
      List<String> afterRerun = keys(s3, bucket);
      assertTrue(
          afterRerun.contains("lake/_state/ingest_test/" + STAGE + ".json"), afterRerun::toString);
      assertFalse(
          afterRerun.stream().anyMatch(k -> k.contains("_temporary")), afterRerun::toString);
      assertEquals(
          SourceFaults.sourceDigest(db), SourceFaults.lakeDigest(spark, folder + "/run=r1"));
    } finally {
      FAIL_FAST.keySet().forEach(key -> hadoop.unset("fs.s3a.bucket." + bucket + "." + key));
      s3.stop();
    }
  }

  /**
   * Runs the job as run {@code r1}; stops the server once the second partition's task has ended
   * (its file written and committed) while the first waits at the gate, then opens the gate.
   */
  private static RunReport runStoppingTheServerMidWrite(
      SparkSession spark, PostgresDatabase db, S3Server s3, String bucket, JobHarness job)
      throws Exception {
    FirstTaskEnd firstTaskEnd = new FirstTaskEnd();
    spark.sparkContext().addSparkListener(firstTaskEnd);
    try (Connection observer = db.connect();
        SourceGate gate = new SourceGate.Postgres(db.connect())) {
      gate.hold();
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(() -> job.run(spark, runId("r1")));
      gate.awaitWaiting(observer);
      assertTrue(firstTaskEnd.ended.await(2, TimeUnit.MINUTES), "no write task ended");
      List<String> written = keys(s3, bucket);
      assertTrue(
          written.stream().anyMatch(k -> k.matches("lake/raw/ingest_test/" + STAGE + "/.*part-.*")),
          written::toString);
      s3.stop();
      gate.release();
      return run.get(2, TimeUnit.MINUTES);
    } finally {
      spark.sparkContext().removeSparkListener(firstTaskEnd);
    }
  }

  private static String job(S3Server s3, String bucket, PostgresDatabase db) {
    return """
        job.name = ingest_test
        lake.root = "s3a://%s/lake"
        %s
        %s
        stages = [
          { name = %s, type = jdbc-ingest, connection = src, table = faulty, fetch-size = 50,
            predicates = ["id <= 2000 AND ferry_gate(id)", "id > 2000"],
            incremental { mode = append, column = id } }
        ]
        """
        .formatted(bucket, s3.hoconLakeS3(), db.hoconConnection("src"), STAGE);
  }

  private static List<String> keys(S3Server s3, String bucket) {
    return s3.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  /** Counts down when the first task ends successfully. */
  private static final class FirstTaskEnd extends SparkListener {
    final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.reason() == Success$.MODULE$) {
        ended.countDown();
      }
    }
  }
}
