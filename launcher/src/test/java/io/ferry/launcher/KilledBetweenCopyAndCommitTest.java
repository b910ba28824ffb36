package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md guarantees 1 and 2 under a real fault: the {@code ferry run} JVM killed with SIGKILL
 * after its load's COPY wrote the rows and its bookkeeping, before COMMIT.
 *
 * <p>The job ingests a table incrementally and appends it into the embedded PostgreSQL warehouse,
 * which also keeps its watermarks ({@code state.store = warehouse}). Its {@code post-sql}, the load
 * transaction's last statement before COMMIT, reads {@code dw.gate}, a table the test holds an
 * ACCESS EXCLUSIVE lock on: the loader's backend waits there. The test kills the JVM only once
 * PostgreSQL shows that backend waiting on that lock inside a transaction that has a transaction id
 * (it has written), holds a ROW EXCLUSIVE lock on the target (its COPY or INSERT ran), and grew the
 * target's heap; then it releases the lock. The orphaned backend never receives a COMMIT, so
 * everything it wrote rolls back.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class KilledBetweenCopyAndCommitTest {
  private static final int ROWS = 5_000;
  private static final int MORE = 700;

  @BeforeAll
  static void schemas(PostgresDatabase db) {
    db.execute("CREATE SCHEMA app", "CREATE SCHEMA dw", "CREATE TABLE dw.gate (id integer)");
  }

  @Test
  void appendKilledBeforeCommitLoadsNothingMovesNoWatermarkAndBothRerunsAreExact(
      SparkSession spark, PostgresDatabase db, @TempDir Path dir) throws Exception {
    Path job = prepare(db, dir, "append", "incremental { mode = append, column = id }");

    killBeforeCommit(db, dir, job, "append");

    assertEquals(List.of(List.of(0L, "seed")), target(db, "append"), "the target as it was");
    assertEquals(List.of(), loads(db, "append"));
    assertEquals(List.of(), watermark(db, "append"));

    ferry("run", job.toString(), "--run-id", "killed");
    assertEquals(sourceWithSeed(db, "append"), target(db, "append"));
    assertEquals(List.of(List.of("" + ROWS)), watermark(db, "append"));

    db.execute(
        "INSERT INTO app.src_append SELECT g, 'v' || g FROM generate_series("
            + (ROWS + 1)
            + ", "
            + (ROWS + MORE)
            + ") g");
    ferry("run", job.toString(), "--run-id", "next");
    assertEquals(sourceWithSeed(db, "append"), target(db, "append"), "each row once");
    assertEquals(List.of(List.of("" + (ROWS + MORE))), watermark(db, "append"));
    assertEquals(
        List.of(List.of("killed", (long) ROWS), List.of("next", (long) MORE)), loads(db, "append"));
  }

  /** The source, the target holding one seed row, and the job loading one into the other. */
  private static Path prepare(PostgresDatabase db, Path dir, String mode, String incremental)
      throws Exception {
    db.execute(
        "CREATE TABLE app.src_" + mode + " (id bigint PRIMARY KEY, v text)",
        "INSERT INTO app.src_"
            + mode
            + " SELECT g, 'v' || g FROM generate_series(1, "
            + ROWS
            + ") g",
        "CREATE TABLE dw.t_" + mode + " (id bigint, v text)",
        "INSERT INTO dw.t_" + mode + " VALUES (0, 'seed')");
    Path job = dir.resolve(mode + ".conf");
    Files.writeString(
        job,
        """
        job.name = killed_%1$s
        lake.root = "%2$s"
        %3$s
        state { store = warehouse, connection = wh, schema = dw }
        stages = [
          { name = src, type = jdbc-ingest, connection = wh, table = "app.src_%1$s", %4$s }
          { name = load, type = redshift-load, connection = wh, table = "dw.t_%1$s", mode = %1$s,
            post-sql = ["SELECT count(*) FROM dw.gate"] }
        ]
        """
            .formatted(
                mode, TempLake.under(dir.resolve("lake")), db.hoconConnection("wh"), incremental));
    return job;
  }

  /**
   * Runs the job in its own JVM while the test holds {@code dw.gate}, kills it once its load waits
   * there with the rows written, releases the lock and waits until the orphaned backend has ended.
   */
  private static void killBeforeCommit(PostgresDatabase db, Path dir, Path job, String mode)
      throws Exception {
    String target = "dw.t_" + mode;
    long heapBefore = heapBytes(db, target);
    try (Connection gate = db.connect()) {
      gate.setAutoCommit(false);
      try (Statement s = gate.createStatement()) {
        s.execute("LOCK TABLE dw.gate IN ACCESS EXCLUSIVE MODE");
      }
      KilledRun.killWhen(dir, job, "killed", () -> !waitingLoaders(db, target).isEmpty());
      List<List<Object>> loader = waitingLoaders(db, target);
      assertEquals(1, loader.size(), "one backend waits: " + loader);
      assertTrue(heapBytes(db, target) > heapBefore, "the uncommitted rows are in the heap");
      gate.rollback();
      Object pid = loader.get(0).get(0);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!db.query("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid).isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "the killed run's backend " + pid + " lingers");
        Thread.sleep(20);
      }
    }
  }

  /**
   * The backends (pid, xid) running the post-sql that wait for a lock on {@code dw.gate}, inside a
   * transaction that has a transaction id and holds a ROW EXCLUSIVE lock on {@code target}.
   */
  private static List<List<Object>> waitingLoaders(PostgresDatabase db, String target) {
    return db.query(
        "SELECT a.pid, a.backend_xid::text FROM pg_stat_activity a"
            + " WHERE a.wait_event_type = 'Lock' AND a.query = 'SELECT count(*) FROM dw.gate'"
            + " AND a.backend_xid IS NOT NULL"
            + " AND EXISTS (SELECT 1 FROM pg_locks w WHERE w.pid = a.pid AND NOT w.granted"
            + "   AND w.relation = 'dw.gate'::regclass)"
            + " AND EXISTS (SELECT 1 FROM pg_locks t WHERE t.pid = a.pid AND t.granted"
            + "   AND t.mode = 'RowExclusiveLock' AND t.relation = '"
            + target
            + "'::regclass)");
  }

  private static long heapBytes(PostgresDatabase db, String table) {
    return ((Number) db.query("SELECT pg_relation_size('" + table + "')").get(0).get(0))
        .longValue();
  }

  private static List<List<Object>> target(PostgresDatabase db, String mode) {
    return db.query("SELECT id, v FROM dw.t_" + mode + " ORDER BY id, v");
  }

  private static List<List<Object>> source(PostgresDatabase db, String mode) {
    return db.query("SELECT id, v FROM app.src_" + mode + " ORDER BY id, v");
  }

  private static List<List<Object>> sourceWithSeed(PostgresDatabase db, String mode) {
    return db.query(
        "SELECT 0::bigint, 'seed' UNION ALL SELECT id, v FROM app.src_" + mode + " ORDER BY 1, 2");
  }

  private static List<List<Object>> loads(PostgresDatabase db, String mode) {
    return db.query(
        "SELECT run_id, rows_loaded FROM dw.ferry_loads WHERE job = 'killed_"
            + mode
            + "' ORDER BY loaded_at");
  }

  private static List<List<Object>> watermark(PostgresDatabase db, String mode) {
    return db.query("SELECT watermark FROM dw.ferry_watermarks WHERE job = 'killed_" + mode + "'");
  }

  private static void ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, () -> out + "\n" + err);
  }
}
