package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.runId;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Ends a source session in the middle of its partition, from another connection: table {@code
 * faulty} ({@link #ROWS} rows) is read in two partitions, the first of which stops at the gate row
 * after streaming the rows before it; the test then cancels or terminates that session and opens
 * the gate for whatever comes next (a retried attempt passes straight through).
 */
final class SourceFaults {
  static final int ROWS = 4_000;

  /** How the test ends the session that waits at the gate. */
  enum Fault {
    /** The kill switch: the task's statement fails ({@code pg_cancel_backend}). */
    CANCEL("pg_cancel_backend"),
    /** The session dies ({@code pg_terminate_backend}), as in a failover or an admin's kill. */
    TERMINATE("pg_terminate_backend");

    private final String function;

    Fault(String function) {
      this.function = function;
    }
  }

  private SourceFaults() {}

  static void createSource(PostgresDatabase db) {
    db.execute(
        SourceGate.Postgres.FUNCTION,
        "CREATE TABLE faulty (id bigint PRIMARY KEY, v text)",
        "INSERT INTO faulty SELECT g, 'v' || g || E' \\\\ \\n ü' FROM generate_series(1, "
            + ROWS
            + ") g");
  }

  /** A stage named {@code name} reading {@code faulty} in two partitions, the first gated. */
  static String stage(String name, boolean direct) {
    return ("{ name = %s, type = jdbc-ingest, connection = src, table = faulty, fetch-size = 50,"
            + " direct = %s, predicates = [\"id <= 2000 AND ferry_gate(id)\", \"id > 2000\"] }")
        .formatted(name, direct);
  }

  /** Runs the stage, applying {@code fault} to the first session that reaches the gate. */
  static RunReport run(
      SparkSession spark, PostgresDatabase db, Path lake, String stage, Fault fault)
      throws Exception {
    try (Connection observer = db.connect();
        SourceGate gate = new SourceGate.Postgres(db.connect())) {
      gate.hold();
      CompletableFuture<RunReport> run =
          CompletableFuture.supplyAsync(
              () -> JobHarness.fromHocon(job(lake, db, stage)).run(spark, runId("r1")));
      long pid = gate.awaitWaiting(observer).get(0);
      SourceGate.execute(observer, "SELECT " + fault.function + "(" + pid + ")");
      gate.release();
      return run.get(5, TimeUnit.MINUTES);
    }
  }

  /** Rows and an order-independent hash of (id, v), from the source table. */
  static List<Long> sourceDigest(PostgresDatabase db) {
    List<List<Object>> rows = db.query("SELECT id, v FROM faulty");
    return List.of(
        (long) rows.size(),
        rows.stream().mapToLong(r -> hash((Long) r.get(0), (String) r.get(1))).sum());
  }

  /** Rows and the same hash, from the committed lake folder. */
  static List<Long> lakeDigest(SparkSession spark, Path runFolder) {
    return lakeDigest(spark, runFolder.toUri().toString());
  }

  /** Rows and the same hash, from the committed lake folder at {@code uri} (e.g. on S3). */
  static List<Long> lakeDigest(SparkSession spark, String uri) {
    List<Row> rows = spark.read().parquet(uri).collectAsList();
    return List.of(
        (long) rows.size(), rows.stream().mapToLong(r -> hash(r.getLong(0), r.getString(1))).sum());
  }

  /** The stage folder's entries: what is committed, and any attempt left behind. */
  static List<String> entries(Path folder) throws Exception {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long hash(long id, String v) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((id + "\u0000" + v).getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
