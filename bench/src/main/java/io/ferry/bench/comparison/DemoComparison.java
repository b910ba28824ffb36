package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.handwritten.SparkDemoJob;
import io.ferry.bench.measure.Rounds;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayFailedException;
import io.ferry.bench.measure.WayRuns;
import io.ferry.bench.report.Ratio;
import io.ferry.bench.report.RunsTable;
import io.ferry.bench.report.Section;
import io.ferry.bench.report.Target;
import io.ferry.testkit.PostgresDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Comparison (3): a job shaped like the demo (ingest customers and orders into the lake, join and
 * aggregate them with SQL, load the result into a warehouse table), as a Ferry job run by {@code
 * bin/ferry run} and as a hand-written Spark program ({@link SparkDemoJob}) with the same Spark
 * settings, each a cold process. Both results are checked equal.
 */
public final class DemoComparison implements Comparison {
  static final Target RUN_VS_HAND_WRITTEN = Target.atMost(0.8);
  private static final String RESULT_COLUMNS =
      "(customer_id bigint, name text, country text, orders bigint, revenue numeric(22,2),"
          + " last_order_at timestamptz)";

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public Section run(Harness h) throws Exception {
    long orders = h.options().rows();
    long customers = Math.max(10, orders / 20);
    PostgresDatabase db = h.db();
    db.execute(
        "DROP TABLE IF EXISTS demo_customers, demo_orders, demo_ferry, demo_spark",
        "CREATE TABLE demo_customers (customer_id bigint PRIMARY KEY, name text, country text)",
        "INSERT INTO demo_customers SELECT g, 'customer ' || g,"
            + " (ARRAY['DE','FR','US','JP','BR'])[1 + g % 5] FROM generate_series(1::bigint, "
            + customers
            + ") g",
        "CREATE TABLE demo_orders (order_id bigint PRIMARY KEY, customer_id bigint,"
            + " amount numeric(12,2), status text, ordered_at timestamptz)",
        "INSERT INTO demo_orders SELECT g, 1 + (g * 7919) % "
            + customers
            + ", round(((g * 104729) % 100000) / 100.0, 2),"
            + " (ARRAY['new','paid','paid','shipped','returned'])[1 + g % 5],"
            + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '1 minute'"
            + " FROM generate_series(1::bigint, "
            + orders
            + ") g",
        "VACUUM ANALYZE demo_customers",
        "VACUUM ANALYZE demo_orders",
        "CREATE TABLE demo_ferry " + RESULT_COLUMNS,
        "CREATE TABLE demo_spark " + RESULT_COLUMNS);
    for (String t : List.of("demo_customers", "demo_orders", "demo_ferry", "demo_spark")) {
      db.execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)");
    }
    Path job =
        h.jobs()
            .write(
                "demo_shaped",
                """
                  { name = customers, type = jdbc-ingest, connection = src,
                    table = "public.demo_customers" }
                  { name = orders, type = jdbc-ingest, connection = src, table = "public.demo_orders" }
                  { name = customer_revenue, type = sql, sql = \"\"\"%s\"\"\" }
                  { name = load_revenue, type = redshift-load, connection = wh, dialect = postgres,
                    table = "public.demo_ferry", mode = append, create-table = false }
                """
                    .formatted(SparkDemoJob.REVENUE_SQL));
    Path lake = h.work().resolve("hand-written-lake");
    List<Way> ways =
        List.of(
            Way.of(
                    "hand-written",
                    "hand-written Spark program (JDBC with bounds -> Parquet -> SQL -> JDBC writer)",
                    h.handWritten(
                        run ->
                            h.timer()
                                .run(
                                    run,
                                    h.programs()
                                        .java(
                                            run,
                                            SparkDemoJob.class,
                                            db.jdbcUrl(),
                                            db.user(),
                                            "public.demo_customers",
                                            Long.toString(customers),
                                            "public.demo_orders",
                                            Long.toString(orders),
                                            lake.resolve(run).toString(),
                                            "public.demo_spark")),
                        run ->
                            SparkDemoJob.run(
                                h.warmSpark(),
                                db.jdbcUrl(),
                                db.jdbcProperties(),
                                "public.demo_customers",
                                customers,
                                "public.demo_orders",
                                orders,
                                lake.resolve(run).toString(),
                                "public.demo_spark")))
                .before(() -> db.execute("TRUNCATE demo_spark")),
            Way.of(
                    "ferry",
                    "**Ferry `bin/ferry run` of the 4-stage job**",
                    h.ferry(job, "load_revenue", OptionalLong.of(customers)))
                .before(() -> db.execute("TRUNCATE demo_ferry")));
    Map<String, WayRuns> runs = Rounds.alternate("demo", ways, h.options().rounds());
    if (runs.get("ferry").measured() && runs.get("hand-written").measured()) {
      check(db, customers);
    }
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            """
            Ingest %,d customers and %,d orders into the lake, join and aggregate them (revenue \
            per customer from paid orders, the demo's SQL), and append the %,d result rows to a \
            warehouse table. Ferry: a job of `jdbc-ingest` ×2, `sql` and `redshift-load` \
            (postgres); by hand: bench/src/main/java/io/ferry/bench/handwritten/SparkDemoJob.java, \
            the same SQL, the same Spark settings (`local[*]`, 8 shuffle partitions, UTC), the \
            same lake folder layout. Both results were checked equal. "Ferry stage" is the load \
            stage's time.

            """,
            customers,
            orders,
            customers));
    md.append(RunsTable.cold(runs.values())).append('\n');
    List<Ratio> ratios =
        List.of(
            Ratio.of(
                    "demo-shaped job: Ferry whole run ÷ hand-written Spark program",
                    runs.get("ferry").wallSeconds(),
                    runs.get("hand-written").wallSeconds())
                .against(RUN_VS_HAND_WRITTEN));
    md.append(RunsTable.ratios(ratios)).append('\n');
    md.append("Cold only: the job's point is the whole process a scheduler starts.\n");
    return new Section(
        name(), "(3) Demo-shaped job vs a hand-written Spark program", md.toString(), ratios);
  }

  private static void check(PostgresDatabase db, long customers) {
    long count = (Long) db.query("SELECT count(*) FROM demo_ferry").get(0).get(0);
    long differ =
        (Long)
            db.query(
                    "SELECT count(*) FROM ((SELECT * FROM demo_ferry EXCEPT ALL SELECT * FROM"
                        + " demo_spark) UNION ALL (SELECT * FROM demo_spark EXCEPT ALL SELECT *"
                        + " FROM demo_ferry)) d")
                .get(0)
                .get(0);
    if (count != customers || differ != 0) {
      throw new WayFailedException(
          "the Ferry job wrote "
              + count
              + " rows ("
              + customers
              + " expected), "
              + differ
              + " differ from the hand-written program's");
    }
  }
}
