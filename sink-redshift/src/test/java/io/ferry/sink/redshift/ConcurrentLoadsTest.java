package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.stage.StandardFailureCode;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads at the same time, on two threads, on the PostgreSQL warehouse. To make them overlap for
 * certain, the test itself holds the lock on the schema's {@code ferry_loads} until both runs wait
 * for it, then lets go: two runs of one job never both load (the second refuses, or finds its run
 * id committed), and two jobs loading one schema both succeed, one after the other.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class ConcurrentLoadsTest {
  private static final String ROWS = "SELECT * FROM VALUES (1L, 'a'), (2L, 'b') AS t(id, v)";

  @BeforeAll
  static void schema(PostgresDatabase db) {
    db.execute(
        "CREATE SCHEMA together",
        "CREATE TABLE together.ferry_loads (job varchar(256) NOT NULL, stage varchar(256) NOT"
            + " NULL, run_id varchar(256) NOT NULL, target varchar(1024) NOT NULL, mode"
            + " varchar(32) NOT NULL, rows_loaded bigint NOT NULL, watermarks varchar(65535),"
            + " loaded_at timestamptz NOT NULL, PRIMARY KEY (job, stage, run_id))");
  }

  private static String job(Path lake, PostgresDatabase db, String job, String table) {
    return """
        job.name = %s
        lake.root = "%s"
        %s
        stages = [
          { name = input, type = test-sql, sql = "%s" }
          { name = load, type = redshift-load, connection = wh, table = "%s" }
        ]
        """
        .formatted(job, TempLake.under(lake), db.hoconConnection("wh"), ROWS, table);
  }

  @Test
  void twoRunsOfOneJobAtOnceNeverBothLoad(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    String hocon = job(lake, db, "twice", "together.twice");

    List<RunReport> reports = whileLocked(db, spark, List.of(hocon, hocon), List.of("c1", "c2"));

    List<RunReport> failed =
        reports.stream().filter(r -> r.status() == RunReport.Status.FAILED).toList();
    assertEquals(1, failed.size(), reports::toString);
    String error = failed.get(0).stage("load").orElseThrow().error().orElseThrow();
    assertTrue(
        error.contains(
            "waited for the lock on \"together\".\"ferry_loads\"; two runs of one job must not"
                + " both load, so this one loaded nothing. Run the job again once the other run"
                + " has ended, to load what it did not"),
        error);
    assertEquals(
        Optional.of(StandardFailureCode.TARGET_WRITE_FAILED),
        failed.get(0).stage("load").orElseThrow().failureCode());
    assertEquals(
        List.of(List.of(1L, "a"), List.of(2L, "b")),
        db.query("SELECT id, v FROM together.twice ORDER BY id"));
    assertEquals(
        List.of(List.of(1L)),
        db.query("SELECT count(*) FROM together.ferry_loads WHERE job = 'twice'"));
  }

  @Test
  void twoAttemptsOfOneRunIdAtOnceLoadOnce(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    String hocon = job(lake, db, "retried", "together.retried");

    List<RunReport> reports = whileLocked(db, spark, List.of(hocon, hocon), List.of("s1", "s1"));

    assertTrue(
        reports.stream().allMatch(r -> r.status() == RunReport.Status.SUCCEEDED),
        reports::toString);
    assertEquals(
        1L,
        reports.stream()
            .filter(
                r ->
                    Boolean.TRUE.equals(
                        r.stage("load").orElseThrow().metrics().get("already_committed")))
            .count());
    assertEquals(
        List.of(List.of(1L, "a"), List.of(2L, "b")),
        db.query("SELECT id, v FROM together.retried ORDER BY id"));
  }

  @Test
  void twoJobsLoadingOneSchemaAtOnceBothSucceed(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    List<RunReport> reports =
        whileLocked(
            db,
            spark,
            List.of(
                job(lake, db, "first", "together.first"),
                job(lake, db, "second", "together.second")),
            List.of("j1", "j2"));

    assertTrue(
        reports.stream().allMatch(r -> r.status() == RunReport.Status.SUCCEEDED),
        reports::toString);
    assertEquals(
        List.of(List.of(1L, "a"), List.of(2L, "b")),
        db.query("SELECT id, v FROM together.first ORDER BY id"));
    assertEquals(
        List.of(List.of(1L, "a"), List.of(2L, "b")),
        db.query("SELECT id, v FROM together.second ORDER BY id"));
  }

  /**
   * Starts one run per job on its own thread while this test holds the lock on {@code
   * together.ferry_loads}, lets go once every run waits for it, and returns their reports.
   */
  private static List<RunReport> whileLocked(
      PostgresDatabase db, SparkSession spark, List<String> jobs, List<String> runIds)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(jobs.size());
    try (Connection lock = db.connect()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE together.ferry_loads");
      }
      List<Future<RunReport>> runs = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        String hocon = jobs.get(i);
        String runId = runIds.get(i);
        runs.add(
            threads.submit(
                () ->
                    JobHarness.fromHocon(hocon)
                        .run(spark, new RunRequest(Optional.of(runId), OptionalDouble.empty()))));
      }
      awaitWaiters(lock, jobs.size());
      lock.commit();
      List<RunReport> reports = new ArrayList<>();
      for (Future<RunReport> run : runs) {
        reports.add(run.get(120, TimeUnit.SECONDS));
      }
      return reports;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void awaitWaiters(Connection lock, int waiters) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Statement s = lock.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM pg_locks WHERE relation ="
                      + " 'together.ferry_loads'::regclass AND NOT granted")) {
        r.next();
        if (r.getLong(1) >= waiters) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the runs did not both reach the lock within 60 s");
  }
}
