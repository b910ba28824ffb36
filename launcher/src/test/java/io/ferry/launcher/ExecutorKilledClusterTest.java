package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md guarantee 1 for ingest on a real cluster: under {@code spark-submit} to {@code
 * local-cluster[2,1,1024]}, an executor JVM killed with SIGKILL while its partition's read is
 * streaming. Spark reports the task lost with its executor and runs it again (the default {@code
 * spark.task.maxFailures}, 4, allows it; local mode's is 1), the retried partition reads the same
 * snapshot, and the committed run folder holds exactly the source's rows and one file per
 * partition: nothing of the lost attempt.
 *
 * <p>Every partition's predicate calls {@code cluster_gate(id)}, which at the partition's middle
 * row waits for an advisory lock the test holds. The test kills one executor once both executors'
 * sessions wait there (each has streamed half its partition through COPY), then releases the lock.
 */
@Tag("cluster")
@ExtendWith(PostgresExtension.class)
class ExecutorKilledClusterTest {
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 50_000;
  private static final int GATE_KEY = 7002;

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE FUNCTION cluster_gate(id bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$"
            + " BEGIN IF id % "
            + PER_PARTITION
            + " = "
            + PER_PARTITION / 2
            + " THEN PERFORM pg_advisory_lock_shared("
            + GATE_KEY
            + "); PERFORM pg_advisory_unlock_shared("
            + GATE_KEY
            + "); END IF; RETURN true; END $$",
        "CREATE TABLE big (id bigint PRIMARY KEY, v text NOT NULL)",
        "INSERT INTO big SELECT g, repeat('v', 30) || g || E' \\\\ ü' FROM generate_series(1, "
            + PARTITIONS * PER_PARTITION
            + ") g");
  }

  @Test
  void anExecutorKilledMidReadLosesItsTaskWhichRunsAgainAndTheCommittedRunIsExactlyTheSource(
      PostgresDatabase db, @TempDir Path dir) throws Exception {
    Path lake = Files.createDirectories(dir.resolve("lake"));
    Path job = dir.resolve("killexec.conf");
    Files.writeString(
        job,
        """
        job.name = killexec
        lake.root = "%s"
        %s
        stages = [
          { name = big, type = jdbc-ingest, connection = src, table = big, predicates = %s }
        ]
        """
            .formatted(lake.toUri(), db.hoconConnection("src"), predicates()));
    long killed;
    SparkSubmitProcess.Result run;
    try (Connection gate = db.connect();
        Statement holder = gate.createStatement()) {
      holder.execute("SELECT pg_advisory_lock(" + GATE_KEY + ")");
      SparkSubmitProcess.Running submission =
          SparkSubmitProcess.start(
              "executor-killed",
              SparkSubmitProcess.CLUSTER,
              List.of(),
              Map.of(),
              "run",
              job.toString(),
              "--run-id",
              "r1");
      awaitBothExecutorsMidRead(db, submission);
      ProcessHandle executor = executors(submission.process()).get(0);
      killed = executor.pid();
      executor.destroyForcibly();
      executor.onExit().get(1, TimeUnit.MINUTES);
      holder.execute("SELECT pg_advisory_unlock(" + GATE_KEY + ")");
      run = submission.await();
    }

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("SUCCEEDED"), run.output());
    assertTrue(
        run.output().contains("ExecutorLostFailure"),
        "executor " + killed + " was lost with a running task:\n" + run.output());
    Path stage = lake.resolve("raw/killexec/big");
    assertEquals(List.of("run=r1"), names(stage), "no attempt folder left");
    List<String> files =
        names(stage.resolve("run=r1")).stream()
            .filter(f -> !f.endsWith(".crc"))
            .map(f -> f.startsWith("part-") ? f.substring(0, "part-00000".length()) : f)
            .toList();
    assertEquals(
        List.of("_SUCCESS", "part-00000", "part-00001", "part-00002", "part-00003"),
        files,
        "one file per partition");
    assertEquals(sourceDigest(db), lakeDigest(stage.resolve("run=r1")));
    System.out.printf(
        "executor %d killed mid-read on %s: the run succeeded in %.1f s%n",
        killed, SparkSubmitProcess.CLUSTER, run.wallTime().toMillis() / 1000.0);
  }

  private static String predicates() {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      out.add(
          "\"id > %d AND id <= %d AND cluster_gate(id)\""
              .formatted(p * PER_PARTITION, (p + 1) * PER_PARTITION));
    }
    return out.toString();
  }

  /**
   * Waits until two source sessions, each running a partition's COPY, wait at the gate, and two
   * executor JVMs run.
   */
  private static void awaitBothExecutorsMidRead(
      PostgresDatabase db, SparkSubmitProcess.Running submission) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      assertTrue(
          submission.process().isAlive(),
          () -> "spark-submit ended early: " + submission.await().output());
      assertTrue(System.nanoTime() < deadline, "no two partitions reached the gate in 3 minutes");
      List<List<Object>> waiting =
          db.query(
              "SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                  + " WHERE l.locktype = 'advisory' AND l.objid = "
                  + GATE_KEY
                  + " AND NOT l.granted AND a.query LIKE 'COPY (SELECT %'");
      if (waiting.size() == 2 && executors(submission.process()).size() == 2) {
        return;
      }
      Thread.sleep(20);
    }
  }

  /** The executor JVMs the local-cluster's workers started below the submitting JVM. */
  private static List<ProcessHandle> executors(Process submit) {
    return submit
        .descendants()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .orElse("")
                    .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
        .toList();
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Rows and an order-independent hash: the sum of each row's first 64 bits of md5(id|v). */
  private static List<String> sourceDigest(PostgresDatabase db) {
    List<Object> row =
        db.query(
                "SELECT count(*), sum(('x' || substr(md5(id || '|' || v), 1, 16))::bit(64)::bigint)"
                    + " FROM big")
            .get(0);
    return List.of(row.get(0).toString(), row.get(1).toString());
  }

  private static List<String> lakeDigest(Path runFolder) throws Exception {
    long rows = 0;
    BigInteger sum = BigInteger.ZERO;
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    List<Path> parts;
    try (Stream<Path> files = Files.list(runFolder)) {
      parts = files.filter(f -> f.getFileName().toString().startsWith("part-")).toList();
    }
    for (Path part : parts) {
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(part.toUri()))
              .withConf(new Configuration())
              .build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          byte[] d =
              md5.digest(
                  (g.getLong("id", 0) + "|" + g.getString("v", 0))
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          sum =
              sum.add(
                  BigInteger.valueOf(
                      new BigInteger(HexFormat.of().formatHex(d, 0, 8), 16).longValue()));
          rows++;
        }
      }
    }
    return List.of(Long.toString(rows), sum.toString());
  }
}
