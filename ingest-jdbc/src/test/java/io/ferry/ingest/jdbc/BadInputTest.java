package io.ferry.ingest.jdbc;

import static io.ferry.ingest.jdbc.IngestJobs.error;
import static io.ferry.ingest.jdbc.IngestJobs.host;
import static io.ferry.ingest.jdbc.IngestJobs.job;
import static io.ferry.ingest.jdbc.IngestJobs.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class BadInputTest {

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE items (id integer PRIMARY KEY, name text, flag boolean)",
        "INSERT INTO items VALUES (1, 'a', true), (2, 'b', false)",
        "CREATE TABLE locked (id integer)",
        "REVOKE ALL ON locked FROM CURRENT_USER",
        "CREATE TABLE nothing (id integer PRIMARY KEY)");
  }

  @Test
  void unknownTablesAndColumnsAndUnsplittableColumnsFailNamingWhatToChange(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
        { name = no_table, type = jdbc-ingest, connection = src, table = nope }
        { name = no_column, type = jdbc-ingest, connection = src, table = items, split-by = nope }
        { name = no_listed, type = jdbc-ingest, connection = src, table = items, columns = [id, nope] }
        { name = by_flag, type = jdbc-ingest, connection = src, table = items, split-by = flag }
        { name = by_text, type = jdbc-ingest, connection = src, table = items, split-by = name }
        { name = denied, type = jdbc-ingest, connection = src, table = locked }
        """;
    String at = "from connection 'src' at " + host(db) + ": ";

    assertTrue(
        errorOf(spark, lake, db, stages, "no_table")
            .startsWith(
                "cannot read table \"nope\" " + at + "ERROR: relation \"nope\" does not exist"));
    assertTrue(
        errorOf(spark, lake, db, stages, "no_column")
            .startsWith(
                "cannot read table \"items\" " + at + "ERROR: column \"nope\" does not exist"));
    assertTrue(
        errorOf(spark, lake, db, stages, "no_listed")
            .startsWith(
                "cannot read table \"items\" " + at + "ERROR: column \"nope\" does not exist"));
    assertEquals(
        "split column \"flag\" has type bool, which cannot be split; split by an"
            + " integer, decimal, date or timestamp column, or give predicates",
        errorOf(spark, lake, db, stages, "by_flag"));
    assertEquals(
        "split column \"name\" is text (text); text splits are uneven and depend"
            + " on collation, so set allow-text-split = true to use it, or split by an integer,"
            + " decimal, date or timestamp column",
        errorOf(spark, lake, db, stages, "by_text"));
    assertTrue(
        errorOf(spark, lake, db, stages, "denied")
            .startsWith(
                "cannot read table \"locked\" "
                    + at
                    + "ERROR: permission denied for table locked"));
    assertFalse(Files.exists(lake.resolve("raw/ingest_test/denied")));
  }

  private static String stageText(String stages, String name) {
    return stages.lines().filter(l -> l.contains("name = " + name + ",")).findFirst().orElseThrow();
  }

  private static String errorOf(
      SparkSession spark, Path lake, PostgresDatabase db, String stages, String stage) {
    RunReport report = JobHarness.fromHocon(job(lake, db, stageText(stages, stage))).run(spark);
    assertEquals(RunReport.Status.FAILED, report.status(), stage);
    return error(report, stage);
  }

  @Test
  void aParallelQueryWithoutConditionsIsAConfigProblem(@TempDir Path lake, PostgresDatabase db) {
    String stages =
        """
        { name = q, type = jdbc-ingest, connection = src, split-by = id,
          query = "SELECT id FROM items" }
        """;

    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobHarness.fromHocon(job(lake, db, stages)).validate());

    assertEquals(1, e.problems().size());
    assertEquals(
        "a parallel query (split-by or predicates set) must contain $CONDITIONS where each"
            + " partition's range goes, e.g. SELECT ... FROM orders o WHERE o.status = 'paid' AND"
            + " $CONDITIONS",
        e.problems().get(0).message());
  }

  @Test
  void anEmptyTableSucceedsWithZeroRowsAndSaysSo(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    RunReport report =
        JobHarness.fromHocon(
                job(
                    lake,
                    db,
                    "{ name = none, type = jdbc-ingest, connection = src, table = nothing }"))
            .run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(0L, metric(report, "none", "source_rows"));
    assertEquals(0L, metric(report, "none", "written_rows"));
    assertEquals("one partition: \"id\" has no values", metric(report, "none", "split"));
    assertTrue(
        Files.isRegularFile(
            lake.resolve("raw/ingest_test/none/" + "run=" + report.runId() + "/_SUCCESS")));
  }

  @Test
  void anUnreachableHostFailsNamingConnectionAndHostButNeverThePassword(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String hocon =
        job(lake, db, "{ name = down, type = jdbc-ingest, connection = src, table = items }")
            .replace(db.jdbcUrl(), "jdbc:postgresql://127.0.0.1:1/" + db.name());

    RunReport report = JobHarness.fromHocon(hocon).run(spark);

    String message = error(report, "down");
    assertTrue(
        message.startsWith(
            "cannot read table \"items\" from connection 'src' at 127.0.0.1:1:"
                + " Connection to 127.0.0.1:1 refused."),
        message);
    assertFalse(message.contains(db.password()), message);
  }

  @Test
  void sessionSettingsReachEverySourceSession(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
        { name = settings, type = jdbc-ingest, connection = src, isolation-level = serializable,
          session-init-sql = ["SET application_name = 'ferry-test'"], query-timeout = 30s,
          query = "SELECT current_setting('application_name') AS app, current_setting('transaction_isolation') AS iso, current_setting('TimeZone') AS tz" }
        { name = slow, type = jdbc-ingest, connection = src, query-timeout = 1s,
          query = "SELECT pg_sleep(3) AS z" }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    var row = spark.table("settings").collectAsList().get(0);
    assertEquals(
        List.of("ferry-test", "serializable", "UTC"),
        List.of(row.getString(0), row.getString(1), row.getString(2)));
    assertTrue(
        error(report, "slow")
            .endsWith(
                "ERROR: canceling statement due to user request\n  The statement was cancelled:"
                    + " by the stage's 'query-timeout' when it is set, by the database's statement"
                    + " timeout, or by an administrator. Raise the timeout if the read needs"
                    + " longer; nothing was committed."),
        error(report, "slow"));
  }
}
