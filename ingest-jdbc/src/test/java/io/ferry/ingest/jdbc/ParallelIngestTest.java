package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static io.ferry.ingest.jdbc.IngestJobs.runId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.engine.run.RunReport;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.split.SplitPlan;
import io.ferry.ingest.jdbc.split.SplitPlanner;
import io.ferry.ingest.jdbc.split.SplitSettings;
import io.ferry.ingest.jdbc.split.SplitStrategy;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class ParallelIngestTest {

  @BeforeAll
  static void sourceTables(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE events (id integer PRIMARY KEY, amount numeric(10,2), day date,"
            + " at timestamp, at_tz timestamptz, code text, flag boolean)",
        "INSERT INTO events SELECT g, g * 1.25, DATE '2026-01-01' + g,"
            + " TIMESTAMP '2026-01-01 00:00:00' + g * INTERVAL '90 minutes',"
            + " TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '7 hours',"
            + " 'c' || lpad(g::text, 3, '0'), g % 2 = 0 FROM generate_series(1, 40) g",
        "INSERT INTO events VALUES (41, NULL, NULL, NULL, NULL, NULL, NULL)",
        "CREATE TABLE skewed (k bigint, v text)",
        "INSERT INTO skewed SELECT g, 'v' FROM generate_series(1, 900) g",
        "INSERT INTO skewed SELECT 1000000 + g, 'v' FROM generate_series(1, 100) g",
        "CREATE TABLE empty_t (id bigint PRIMARY KEY, name text)",
        "CREATE TABLE one_row (id bigint PRIMARY KEY, name text)",
        "INSERT INTO one_row VALUES (7, 'only')",
        "CREATE TABLE no_key (n integer, region text)",
        "INSERT INTO no_key VALUES (1, 'eu'), (2, 'us'), (3, 'eu')");
  }

  @Test
  void everySplitterTypeReadsEveryRowNullSplitValuesIncluded(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    StringBuilder stages = new StringBuilder();
    for (String column : List.of("id", "amount", "day", "at", "at_tz")) {
      stages.append(
          "{ name = by_%s, type = jdbc-ingest, connection = src, table = events, split-by = %s,"
                  .formatted(column, column)
              + " partitions = 3 }\n");
    }
    stages.append(
        "{ name = by_code, type = jdbc-ingest, connection = src, table = events, split-by = code,"
            + " partitions = 3, allow-text-split = true }\n");
    stages.append(
        "{ name = by_id_quantile, type = jdbc-ingest, connection = src, table = events,"
            + " split-by = id, partitions = 4, split-strategy = quantile, direct = false }\n");

    RunReport report = JobHarness.fromHocon(job(lake, db, stages.toString())).run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    for (String stage :
        List.of("by_id", "by_amount", "by_day", "by_at", "by_at_tz", "by_code", "by_id_quantile")) {
      assertEquals(OptionalLong.of(41), report.stage(stage).orElseThrow().rowsOut(), stage);
      assertEquals(41L, metric(report, stage, "source_rows"), stage);
      List<Integer> ids =
          spark.table(stage).select("id").collectAsList().stream()
              .map(r -> r.getInt(0))
              .sorted()
              .toList();
      assertEquals(Stream.iterate(1, i -> i + 1).limit(41).toList(), ids, stage);
    }
    assertEquals(3, metric(report, "by_id", "partitions"));
    assertEquals("direct", metric(report, "by_id", "read_mode"));
    assertEquals("jdbc", metric(report, "by_id_quantile", "read_mode"));
    assertEquals(
        "3 partitions on split-by \"day\" (range 2026-01-02 to 2026-02-10)",
        metric(report, "by_day", "split"));
    assertEquals(
        "4 partitions on split-by \"id\" (quantile)", metric(report, "by_id_quantile", "split"));
  }

  @Test
  void quantileSplitsBalanceASkewedKeyWhereRangeSplitsDoNot(PostgresDatabase db) throws Exception {
    assertEquals(List.of(900L, 0L, 0L, 100L), rowsPerPartition(db, SplitStrategy.RANGE));
    assertEquals(List.of(249L, 250L, 250L, 251L), rowsPerPartition(db, SplitStrategy.QUANTILE));
  }

  private static List<Long> rowsPerPartition(PostgresDatabase db, SplitStrategy strategy)
      throws Exception {
    SourceQuery skewed =
        SourceQuery.ofTable(SqlIdentifier.of("skewed"), List.of(), Optional.empty());
    Dialect dialect = Dialect.of(connection(db));
    SplitPlanner planner =
        new SplitPlanner(
            dialect,
            skewed,
            new SplitSettings(
                Optional.of(SqlIdentifier.of("k")),
                4,
                strategy,
                Optional.empty(),
                List.of(),
                false),
            0);
    List<Long> counts = new ArrayList<>();
    try (Connection c = db.connect()) {
      SplitPlan plan = planner.plan(c, planner.choose(c), List.of(), Optional.empty());
      for (Optional<String> predicate : plan.predicates()) {
        String sql =
            skewed.project(dialect, "count(*)", List.of(predicate.orElseThrow()), Optional.empty());
        counts.add((Long) db.query(sql).get(0).get(0));
      }
    }
    return counts;
  }

  private static io.ferry.core.connection.ConnectionSpec connection(PostgresDatabase db) {
    return new io.ferry.core.connection.ConnectionSpec(
        "src",
        db.jdbcUrl(),
        Optional.of(db.user()),
        Optional.empty(),
        Optional.empty(),
        java.util.Map.of());
  }

  @Test
  void conditionsQueriesPredicatesPrimaryKeysEmptyAndOneRowTables(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    String stages =
        """
        { name = q, type = jdbc-ingest, connection = src, split-by = e.id, partitions = 4,
          query = "SELECT e.id, e.code FROM events e WHERE e.id > 10 AND $CONDITIONS" }
        { name = preds, type = jdbc-ingest, connection = src, table = events, columns = [id],
          predicates = ["id <= 20", "id > 20", "id IS NULL"] }
        { name = by_pk, type = jdbc-ingest, connection = src, table = events, columns = [id, code] }
        { name = keyless, type = jdbc-ingest, connection = src, table = no_key, partition-by = [region] }
        { name = empty, type = jdbc-ingest, connection = src, table = empty_t }
        { name = single, type = jdbc-ingest, connection = src, table = one_row }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark, runId("r1"));

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(31L, spark.table("q").count());
    assertEquals(4, metric(report, "q", "partitions"));
    assertEquals(41L, spark.table("preds").count());
    assertEquals(3, metric(report, "preds", "partitions"));
    assertEquals(4, metric(report, "by_pk", "partitions"));
    assertEquals(
        "4 partitions on primary key \"id\" (range 1 to 41)", metric(report, "by_pk", "split"));
    assertEquals(
        "one partition: no split-by and the table has no primary key; set split-by to read in"
            + " parallel",
        metric(report, "keyless", "split"));
    assertTrue(Files.isDirectory(lake.resolve("raw/ingest_test/keyless/run=r1/region=eu")));
    assertEquals(
        List.of(1, 3),
        spark.table("keyless").where("region = 'eu'").select("n").collectAsList().stream()
            .map(r -> r.getInt(0))
            .sorted()
            .toList());
    assertEquals(0L, metric(report, "empty", "source_rows"));
    assertEquals(OptionalLong.of(0), report.stage("empty").orElseThrow().rowsOut());
    assertEquals(0L, spark.table("empty").count());
    assertEquals(List.of("id", "name"), List.of(spark.table("empty").columns()));
    assertTrue(Files.isRegularFile(lake.resolve("raw/ingest_test/empty/run=r1/_SUCCESS")));
    Row only = spark.table("single").collectAsList().get(0);
    assertEquals(7L, only.getLong(0));
    assertEquals("only", only.getString(1));
    try (Stream<Path> files = Files.list(lake.resolve("raw/ingest_test/single"))) {
      assertEquals(List.of("run=r1"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void overlappingPredicatesFailTheRowCheckAndCommitNothing(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    String stages =
        """
        { name = overlap, type = jdbc-ingest, connection = src, table = events,
          predicates = ["id <= 20", "id >= 20"] }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark, runId("r1"));

    assertEquals(
        "the source holds 41 rows for table \"events\" in the snapshot every"
            + " partition read, but 42 rows were written; the predicates overlap or leave gaps."
            + " Nothing was committed.",
        IngestJobs.error(report, "overlap"));
    try (Stream<Path> files = Files.list(lake.resolve("raw/ingest_test/overlap"))) {
      assertEquals(List.of(), files.toList());
    }
    assertFalse(Files.exists(lake.resolve("raw/ingest_test/overlap/run=r1")));
  }
}
