package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's soak: a demo-shaped job (two tables ingested, one of them incrementally, joined and
 * aggregated, appended to the warehouse, whose state store keeps the watermark) run again and again
 * while its source takes new rows, each run with a fault drawn from {@link Fault}. After a failed
 * run the warehouse must be as before it, and a rerun (with the same run id or a new one, drawn
 * too) must succeed; after every iteration the warehouse is checked exactly against the source: per
 * customer, the loaded batches add up to the source's order count and revenue (a lost or doubled
 * batch shows), and the watermark is the source's greatest order id.
 *
 * <p>The schedule holds every fault equally often, shuffled with the seed. {@code
 * -Dferry.soak.seed=N} and {@code -Dferry.soak.runs=N} (default {@value #DEFAULT_SEED} and {@value
 * #DEFAULT_RUNS}) change it; the seed and each run's fault are printed, so any failure can be
 * replayed.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class SoakTest {
  static final long DEFAULT_SEED = 13;

  /** One run of each fault in the default test set; the soak of record passes 21 (testing.md). */
  static final int DEFAULT_RUNS = 7;

  private static final int GATE_KEY = 7003;
  private static final String REFUSED = "two runs of one job must not both load";

  /** Where each run fails, if it does. */
  enum Fault {
    /** No fault: the run succeeds. */
    NONE,
    /** A source session of the customers ingest terminated mid-read. */
    SOURCE_SESSION_TERMINATED,
    /** The load's pre-sql fails: before COPY. */
    BEFORE_COPY,
    /** A source row the target's CHECK constraint refuses: during COPY. */
    BAD_ROW_DURING_COPY,
    /** The load's post-sql fails: after COPY and the bookkeeping, before COMMIT. */
    BETWEEN_COPY_AND_COMMIT,
    /** A check after the load fails: after COMMIT. */
    AFTER_COMMIT,
    /** A second run of the job at once, both waiting for the load's lock. */
    CONCURRENT_SECOND_RUN
  }

  @Test
  void aDemoShapedJobSurvivesAFaultInEveryRunAndTheWarehouseIsExactAfterEach(
      SparkSession spark, PostgresDatabase db, @TempDir Path dir) throws Exception {
    long seed = Long.getLong("ferry.soak.seed", DEFAULT_SEED);
    int runs = Integer.getInteger("ferry.soak.runs", DEFAULT_RUNS);
    Random random = new Random(seed);
    List<Fault> schedule = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      schedule.add(Fault.values()[i % Fault.values().length]);
    }
    Collections.shuffle(schedule, random);
    System.out.printf("soak: seed %d, %d runs%n", seed, runs);
    Soak soak = new Soak(spark, db, dir, random);
    long start = System.nanoTime();
    soak.baseline();
    Map<Fault, Integer> survived = new EnumMap<>(Fault.class);
    for (int i = 0; i < runs; i++) {
      Fault fault = schedule.get(i);
      soak.mutateSource();
      String outcome = soak.runWith(fault, "r" + i);
      soak.assertWarehouseExact();
      survived.merge(fault, 1, Integer::sum);
      System.out.printf("soak run %2d: %-25s %s%n", i, fault, outcome);
    }
    System.out.printf(
        "soak: seed %d, %d runs, %d failed and were rerun, faults %s, %d aggregate rows and %d"
            + " orders checked, %.1f s%n",
        seed,
        runs,
        soak.failures,
        survived,
        soak.rowsChecked,
        soak.ordersChecked,
        (System.nanoTime() - start) / 1e9);
  }

  /** The source, the warehouse and the job, and what the soak counted. */
  private static final class Soak {
    final SparkSession spark;
    final PostgresDatabase db;
    final Path dir;
    final Random random;
    int failures;
    long rowsChecked;
    long ordersChecked;

    Soak(SparkSession spark, PostgresDatabase db, Path dir, Random random) {
      this.spark = spark;
      this.db = db;
      this.dir = dir;
      this.random = random;
    }

    /** The source with 40 customers and 400 orders, loaded once; then the target's CHECK. */
    void baseline() {
      db.execute(
          "CREATE SCHEMA app",
          "CREATE SCHEMA dw",
          "CREATE FUNCTION app.soak_gate(id bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS"
              + " $$ BEGIN PERFORM pg_advisory_lock_shared("
              + GATE_KEY
              + "); PERFORM pg_advisory_unlock_shared("
              + GATE_KEY
              + "); RETURN true; END $$",
          "CREATE TABLE app.customers (customer_id bigint PRIMARY KEY, name text, country text)",
          "CREATE SEQUENCE app.order_ids",
          "CREATE TABLE app.orders (order_id bigint PRIMARY KEY DEFAULT nextval('app.order_ids'),"
              + " customer_id bigint NOT NULL, amount numeric(12,2) NOT NULL)",
          "INSERT INTO app.customers SELECT g, 'customer ' || g, (ARRAY['DE','FR','NL'])[g % 3 + 1]"
              + " FROM generate_series(1, 40) g",
          "INSERT INTO app.orders (customer_id, amount)"
              + " SELECT g % 40 + 1, (g * 37 % 50000) / 100.0 FROM generate_series(1, 400) g");
      RunReport first = run(spark, job(Fault.NONE), "baseline");
      assertEquals(RunReport.Status.SUCCEEDED, first.status(), () -> "" + first.error());
      db.execute(
          "ALTER TABLE dw.revenue_batches ADD CONSTRAINT plausible CHECK (revenue < 1000000)");
      assertWarehouseExact();
    }

    /** New orders, now and then a new customer and a customer moving country. */
    void mutateSource() {
      int customers =
          ((Number) db.query("SELECT count(*) FROM app.customers").get(0).get(0)).intValue();
      if (random.nextInt(3) == 0) {
        db.execute(
            "INSERT INTO app.customers VALUES ("
                + (customers + 1)
                + ", 'customer "
                + (customers + 1)
                + "', 'BE')");
        customers++;
      }
      if (random.nextInt(3) == 0) {
        db.execute(
            "UPDATE app.customers SET country = 'AT' WHERE customer_id = "
                + (random.nextInt(customers) + 1));
      }
      int orders = 1 + random.nextInt(60);
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < orders; i++) {
        values
            .append(i == 0 ? "" : ", ")
            .append("(")
            .append(random.nextInt(customers) + 1)
            .append(", ")
            .append(random.nextInt(100_000) / 100.0)
            .append(")");
      }
      db.execute("INSERT INTO app.orders (customer_id, amount) VALUES " + values);
    }

    /** Runs the job with {@code fault} and, when it failed, again without; says what happened. */
    String runWith(Fault fault, String runId) throws Exception {
      List<List<Object>> before = warehouse();
      RunReport report =
          switch (fault) {
            case NONE, BEFORE_COPY, BETWEEN_COPY_AND_COMMIT, AFTER_COMMIT ->
                run(spark, job(fault), runId);
            case BAD_ROW_DURING_COPY -> {
              db.execute("INSERT INTO app.orders (customer_id, amount) VALUES (1, 5000000)");
              RunReport r = run(spark, job(fault), runId);
              db.execute("DELETE FROM app.orders WHERE amount = 5000000");
              yield r;
            }
            case SOURCE_SESSION_TERMINATED -> terminatedMidRead(runId);
            case CONCURRENT_SECOND_RUN -> concurrently(runId);
          };
      String outcome = report.status().toString();
      if (fault == Fault.NONE) {
        assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> "" + report.error());
        return outcome;
      }
      if (fault == Fault.SOURCE_SESSION_TERMINATED
          && report.status() == RunReport.Status.SUCCEEDED) {
        return outcome + " (the partition was read again)";
      }
      assertEquals(RunReport.Status.FAILED, report.status(), fault + " must fail the run");
      if (fault == Fault.AFTER_COMMIT) {
        assertEquals(StageReport.Status.SUCCEEDED, report.stage("load").orElseThrow().status());
        assertWarehouseExact();
      } else if (fault != Fault.CONCURRENT_SECOND_RUN) {
        assertEquals(before, warehouse(), fault + ": nothing committed");
      }
      failures++;
      String rerunId = random.nextBoolean() ? report.runId() : report.runId() + "-new";
      RunReport rerun = run(spark, job(Fault.NONE), rerunId);
      assertEquals(
          RunReport.Status.SUCCEEDED,
          rerun.status(),
          () -> "the rerun " + rerunId + " after " + fault + ": " + rerun.error());
      return outcome
          + " at "
          + report.stages().stream()
              .filter(s -> s.status() == StageReport.Status.FAILED)
              .map(StageReport::name)
              .findFirst()
              .orElse("?")
          + ", rerun as "
          + rerunId
          + " SUCCEEDED";
    }

    /**
     * The customers ingest reads through {@code app.soak_gate}, which waits for the advisory lock
     * the soak holds; once a partition's COPY waits there, its session is terminated and the lock
     * released.
     */
    private RunReport terminatedMidRead(String runId) throws Exception {
      try (Connection holder = db.connect();
          Statement s = holder.createStatement()) {
        s.execute("SELECT pg_advisory_lock(" + GATE_KEY + ")");
        CompletableFuture<RunReport> run =
            CompletableFuture.supplyAsync(
                () -> SoakTest.run(spark, job(Fault.SOURCE_SESSION_TERMINATED), runId));
        String waiting =
            "SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                + " WHERE l.locktype = 'advisory' AND l.objid = "
                + GATE_KEY
                + " AND NOT l.granted AND a.query LIKE 'COPY (SELECT %'";
        await(() -> !db.query(waiting).isEmpty() || run.isDone(), "a customers read at the gate");
        db.query(waiting).forEach(p -> db.query("SELECT pg_terminate_backend(" + p.get(0) + ")"));
        s.execute("SELECT pg_advisory_unlock(" + GATE_KEY + ")");
        return run.get(2, TimeUnit.MINUTES);
      }
    }

    /**
     * Two runs of the job at once, on sessions of their own, held at the lock every load takes
     * first until both wait for it: one loads, the other refuses; returns the one that refused.
     */
    private RunReport concurrently(String runId) throws Exception {
      try (Connection holder = db.connect();
          Statement s = holder.createStatement()) {
        holder.setAutoCommit(false);
        s.execute("LOCK TABLE dw.ferry_loads IN ACCESS EXCLUSIVE MODE");
        String job = job(Fault.NONE);
        CompletableFuture<RunReport> a =
            CompletableFuture.supplyAsync(() -> SoakTest.run(spark.newSession(), job, runId));
        CompletableFuture<RunReport> b =
            CompletableFuture.supplyAsync(
                () -> SoakTest.run(spark.newSession(), job, runId + "-second"));
        await(
            () ->
                db.query(
                            "SELECT 1 FROM pg_locks WHERE relation = 'dw.ferry_loads'::regclass"
                                + " AND NOT granted")
                        .size()
                    == 2,
            "both runs waiting for the lock on dw.ferry_loads");
        holder.rollback();
        List<RunReport> both = List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES));
        List<RunReport> refused =
            both.stream().filter(r -> r.status() == RunReport.Status.FAILED).toList();
        assertEquals(1, refused.size(), "exactly one of two concurrent runs loads: " + both);
        assertTrue(
            refused.get(0).error().orElse("").contains(REFUSED), "" + refused.get(0).error());
        return refused.get(0);
      }
    }

    /** The job; {@code fault} adds what makes it fail. */
    String job(Fault fault) {
      String customers =
          fault == Fault.SOURCE_SESSION_TERMINATED
              ? ", predicates = [\"customer_id % 2 = 0 AND app.soak_gate(customer_id)\","
                  + " \"customer_id % 2 = 1\"]"
              : ", partitions = 1";
      String load =
          switch (fault) {
            case BEFORE_COPY -> ", pre-sql = [\"SELECT 1/0\"]";
            case BETWEEN_COPY_AND_COMMIT -> ", post-sql = [\"SELECT 1/0\"]";
            default -> "";
          };
      String after =
          fault == Fault.AFTER_COMMIT
              ? "{ name = after, type = check, input = revenue,"
                  + " expectations = [ { type = sql, condition = \"orders < 0\" } ] }"
              : "";
      return """
          job.name = soak
          lake.root = "%s"
          %s
          %s
          state { store = warehouse, connection = dw, schema = dw }
          stages = [
            { name = customers, type = jdbc-ingest, connection = app, table = "app.customers" %s }
            { name = orders, type = jdbc-ingest, connection = app, table = "app.orders", partitions = 1,
              incremental { mode = append, column = order_id } }
            { name = revenue, type = sql, sql = \"\"\"
                SELECT c.customer_id, c.country, count(*) AS orders, sum(o.amount) AS revenue,
                       min(o.order_id) AS first_order, max(o.order_id) AS last_order
                FROM orders o JOIN customers c ON c.customer_id = o.customer_id
                GROUP BY c.customer_id, c.country\"\"\" }
            { name = load, type = redshift-load, connection = dw, table = "dw.revenue_batches",
              mode = append %s }
            %s
          ]
          """
          .formatted(
              TempLake.under(dir.resolve("lake")),
              db.hoconConnection("app"),
              db.hoconConnection("dw"),
              customers,
              load,
              after);
    }

    /**
     * Per customer, the batches add up to the source's orders and revenue; the watermark is the
     * source's greatest order id.
     */
    void assertWarehouseExact() {
      List<List<Object>> expected =
          db.query(
              "SELECT customer_id, count(*), sum(amount) FROM app.orders"
                  + " GROUP BY customer_id ORDER BY customer_id");
      List<List<Object>> loaded =
          db.query(
              "SELECT customer_id, sum(orders)::bigint, sum(revenue) FROM dw.revenue_batches"
                  + " GROUP BY customer_id ORDER BY customer_id");
      assertEquals(expected, loaded, "every order loaded once");
      assertEquals(
          db.query("SELECT max(order_id)::text FROM app.orders"),
          db.query(
              "SELECT watermark FROM dw.ferry_watermarks WHERE job = 'soak' AND stage = 'orders'"),
          "the watermark is the greatest loaded order id");
      rowsChecked += expected.size();
      ordersChecked +=
          ((Number) db.query("SELECT count(*) FROM app.orders").get(0).get(0)).longValue();
    }

    /** Every loaded row and the watermark. */
    List<List<Object>> warehouse() {
      return db.query(
          "SELECT customer_id, country, orders, revenue, first_order, last_order, NULL"
              + " FROM dw.revenue_batches UNION ALL SELECT NULL, watermark, NULL, NULL, NULL,"
              + " NULL, run_id FROM dw.ferry_watermarks ORDER BY 1, 2, 5");
    }
  }

  private static RunReport run(SparkSession spark, String hocon, String runId) {
    return JobHarness.fromHocon(hocon)
        .run(spark, new RunRequest(Optional.of(runId), OptionalDouble.empty()));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "no " + what + " within 2 minutes");
      Thread.sleep(10);
    }
  }
}
