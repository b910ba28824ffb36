package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.secret.Secret;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.sink.redshift.amazon.RedshiftConnections;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Opt-in tests against a real Redshift, skipped unless {@code FERRY_IT_REDSHIFT_URL} (a {@code
 * jdbc:redshift://} or {@code jdbc:redshift:iam://} URL; user and password from {@code
 * FERRY_IT_REDSHIFT_USER} and {@code FERRY_IT_REDSHIFT_PASSWORD} when set), {@code
 * FERRY_IT_IAM_ROLE} (a role the warehouse may assume to read and write the bucket) and {@code
 * FERRY_IT_S3} ({@code s3://bucket/prefix}, the lake root; Spark reaches it with the default AWS
 * credentials chain) are set; the Serverless test also needs {@code
 * FERRY_IT_REDSHIFT_SERVERLESS_URL} ({@code jdbc:redshift:iam://<workgroup>...redshift-serverless
 * .amazonaws.com:5439/<db>}). Each test works in its own schema {@code ferry_it_<time>_<test>} and
 * leaves it for inspection. See docs/redshift.md for the one command that runs them.
 */
@ExtendWith(SparkExtension.class)
class RedshiftClusterTest {
  private static final String URL = System.getenv("FERRY_IT_REDSHIFT_URL");
  private static final String ROLE = System.getenv("FERRY_IT_IAM_ROLE");
  private static final String S3 = System.getenv("FERRY_IT_S3");
  private static final String USER = System.getenv("FERRY_IT_REDSHIFT_USER");
  private static final String PASSWORD = System.getenv("FERRY_IT_REDSHIFT_PASSWORD");
  private static final String TAG = Long.toString(System.currentTimeMillis());

  /** NULL, '', the text N, the text \N, backslashes, quotes, the CSV sentinel's neighbours. */
  private static final String STRINGS =
      """
      SELECT id, CAST(id * 1.25 AS DECIMAL(12,2)) AS amount,
             CASE id % 8 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'N' WHEN 3 THEN '\\\\N'
                         WHEN 4 THEN 'a\\\\b\\\\\\\\c' WHEN 5 THEN 'it''s "quoted", here'
                         WHEN 6 THEN '@NULL' ELSE 'Grüße ☃' END AS note,
             TIMESTAMP'2026-11-24 10:00:00.123456' AS at
      FROM range(%d)""";

  private static void assumeCluster() {
    assumeTrue(URL != null && ROLE != null && S3 != null, "FERRY_IT_* not set: skipped");
  }

  private static String connection(String url) {
    boolean iam = url.startsWith("jdbc:redshift:iam:");
    return "{ url = \""
        + url
        + "\""
        + (USER == null || iam
            ? ""
            : ", user = \"" + USER + "\", password = ${?FERRY_IT_REDSHIFT_PASSWORD}")
        + " }";
  }

  private static JobHarness job(String url, String stages) {
    return JobHarness.fromHocon(
        """
        job.name = ferry_it
        lake.root = "%s/%s"
        connections.rs %s
        stages = [
        %s
        ]
        """
            .formatted(S3, TAG, connection(url), stages));
  }

  private static String load(String table, String options) {
    return "{ name = load, type = redshift-load, connection = rs, table = \""
        + table.replace("\"", "\\\"")
        + "\", iam-role = \""
        + ROLE
        + "\", "
        + options
        + " }";
  }

  private static RunReport run(JobHarness harness, SparkSession spark, String runId) {
    RunReport report =
        harness.run(spark, new RunRequest(Optional.of(runId + "-" + TAG), OptionalDouble.empty()));
    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    return report;
  }

  private static List<List<Object>> query(String url, String sql) throws SQLException {
    try (Connection c = RedshiftConnections.open(spec(url));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      List<List<Object>> out = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  private static void execute(String url, String... sql) throws SQLException {
    try (Connection c = RedshiftConnections.open(spec(url));
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  private static ConnectionSpec spec(String url) {
    boolean iam = url.startsWith("jdbc:redshift:iam:");
    return new ConnectionSpec(
        "rs",
        url,
        iam ? Optional.empty() : Optional.ofNullable(USER),
        iam ? Optional.empty() : Optional.ofNullable(PASSWORD).map(p -> Secret.of("env", p)),
        Optional.empty(),
        Map.of());
  }

  /** The strings the input holds, as the table must hold them, by id % 8. */
  private static final List<List<Object>> NOTES =
      List.of(
          Arrays.asList("0", null),
          Arrays.asList("1", ""),
          Arrays.asList("2", "N"),
          Arrays.asList("3", "\\N"),
          Arrays.asList("4", "a\\b\\\\c"),
          Arrays.asList("5", "it's \"quoted\", here"),
          Arrays.asList("6", "@NULL"),
          Arrays.asList("7", "Grüße ☃"));

  @Test
  void everyModeInBothFormatsKeepsNullEmptyNBackslashesAndAMixedCaseName(SparkSession spark)
      throws Exception {
    assumeCluster();
    for (String format : List.of("parquet", "csv")) {
      for (String mode : List.of("append", "overwrite", "truncate-insert", "merge")) {
        String schema = "ferry_it_" + TAG + "_modes";
        String table = schema + ".\"Orders_" + format + "_" + mode.replace('-', '_') + "\"";
        String options =
            "mode = "
                + mode
                + ", staging-format = "
                + format
                + (mode.equals("merge") ? ", merge-keys = [id]" : "");
        JobHarness harness =
            job(
                URL,
                "{ name = input, type = test-sql, sql = \"\"\""
                    + STRINGS.formatted(8)
                    + "\"\"\" }\n"
                    + load(table, options));

        run(harness, spark, format + "-" + mode + "-1");
        run(harness, spark, format + "-" + mode + "-2");
        RunReport again = run(harness, spark, format + "-" + mode + "-2");

        assertEquals(
            true, again.stage("load").orElseThrow().metrics().get("already_committed"), table);
        String folded = table.toLowerCase(java.util.Locale.ROOT);
        List<List<Object>> expected = new ArrayList<>(NOTES);
        if (mode.equals("append")) {
          expected = new ArrayList<>();
          for (List<Object> n : NOTES) {
            expected.add(n);
            expected.add(n);
          }
        }
        assertEquals(
            expected,
            query(URL, "SELECT CAST(id AS varchar), note FROM " + folded + " ORDER BY id, note"),
            table);
      }
    }
  }

  @Test
  void aTypeMismatchedExistingTableLoadsThroughCastsAndWidening(SparkSession spark)
      throws Exception {
    assumeCluster();
    String table = "ferry_it_" + TAG + "_types.orders";
    execute(
        URL,
        "CREATE SCHEMA ferry_it_" + TAG + "_types",
        "CREATE TABLE " + table + " (id integer, amount numeric(12,2), day date, note varchar(4))");
    JobHarness harness =
        job(
            URL,
            """
            { name = input, type = test-sql, sql = "SELECT id, CAST(id AS DECIMAL(38,2)) AS amount, '2026-11-24' AS day, repeat('x', 10) AS note FROM range(3)" }
            """
                + load(table, "widen-columns = true"));

    RunReport report = run(harness, spark, "types");

    assertEquals(
        "id: bigint -> integer; amount: decimal(38,2) -> numeric(12,2); day: string -> date",
        report.stage("load").orElseThrow().metrics().get("copy_casts"));
    assertEquals(
        List.of(List.of("3", "256")),
        query(
            URL,
            "SELECT (SELECT CAST(count(*) AS varchar) FROM "
                + table
                + "), CAST(character_maximum_length AS varchar) FROM information_schema.columns"
                + " WHERE table_schema = 'ferry_it_"
                + TAG
                + "_types' AND table_name = 'orders' AND column_name = 'note'"));
  }

  @Test
  void structArrayAndMapColumnsLoadIntoSuper(SparkSession spark) throws Exception {
    assumeCluster();
    for (String format : List.of("parquet", "csv")) {
      String table = "ferry_it_" + TAG + "_super.nested_" + format;
      JobHarness harness =
          job(
              URL,
              """
              { name = input, type = test-sql, sql = "SELECT 1L AS id, named_struct('a', 1, 'b', 'x') AS s, array(1, 2) AS t, map('k', 'v') AS m" }
              """
                  + load(table, "staging-format = " + format));

      run(harness, spark, "super-" + format);

      assertEquals(
          List.of(List.of("{\"a\":1,\"b\":\"x\"}", "[1,2]", "{\"k\":\"v\"}")),
          query(
              URL, "SELECT json_serialize(s), json_serialize(t), json_serialize(m) FROM " + table),
          format);
    }
  }

  @Test
  void aZeroRowUnloadGivesAnEmptyDataset(SparkSession spark) throws Exception {
    assumeCluster();
    JobHarness harness =
        job(
            URL,
            "{ name = back, type = redshift-unload, connection = rs, iam-role = \""
                + ROLE
                + "\", query = \"SELECT 1 AS n, 'x' AS s WHERE 1 = 0\" }");

    RunReport report = run(harness, spark, "unload-empty");

    assertEquals(0L, report.stage("back").orElseThrow().rowsOut().orElse(-1));
  }

  @Test
  void twoConcurrentLoadsIntoOneSchemaBothCommit(SparkSession spark) throws Exception {
    assumeCluster();
    String schema = "ferry_it_" + TAG + "_concurrent";
    List<CompletableFuture<RunReport>> runs = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      JobHarness harness =
          job(
              URL,
              "{ name = input, type = test-sql, sql = \"\"\""
                  + STRINGS.formatted(1000)
                  + "\"\"\" }\n"
                  + load(schema + "." + name, "mode = overwrite"));
      runs.add(CompletableFuture.supplyAsync(() -> run(harness, spark, "concurrent-" + name)));
    }
    for (CompletableFuture<RunReport> r : runs) {
      r.get();
    }
    assertEquals(
        List.of(List.of("1000", "1000", "2")),
        query(
            URL,
            "SELECT (SELECT CAST(count(*) AS varchar) FROM "
                + schema
                + ".a), (SELECT CAST(count(*) AS varchar) FROM "
                + schema
                + ".b), (SELECT CAST(count(*) AS varchar) FROM "
                + schema
                + ".ferry_loads)"));
  }

  @Test
  void serverlessLoadsMergesAndUnloadsWithIamAndNoSlices(SparkSession spark) throws Exception {
    String url = System.getenv("FERRY_IT_REDSHIFT_SERVERLESS_URL");
    assumeTrue(
        url != null && ROLE != null && S3 != null, "FERRY_IT_REDSHIFT_SERVERLESS_URL not set");
    String table = "ferry_it_" + TAG + "_serverless.orders";
    JobHarness harness =
        job(
            url,
            "{ name = input, type = test-sql, sql = \"\"\""
                + STRINGS.formatted(100)
                + "\"\"\" }\n"
                + load(table, "mode = merge, merge-keys = [id]")
                + "\n{ name = back, type = redshift-unload, connection = rs, iam-role = \""
                + ROLE
                + "\", query = \"SELECT count(*) AS n FROM "
                + table
                + "\" }");

    RunReport report = run(harness, spark, "serverless");

    assertEquals(100L, report.stage("load").orElseThrow().rowsOut().orElse(-1));
    assertEquals(
        List.of(List.of("100")), query(url, "SELECT CAST(count(*) AS varchar) FROM " + table));
  }
}
