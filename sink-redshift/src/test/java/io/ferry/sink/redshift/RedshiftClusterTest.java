package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.sink.redshift.redshift.RedshiftConnections;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Opt-in smoke test against a real Redshift cluster, skipped unless {@code FERRY_IT_REDSHIFT_URL}
 * (a {@code jdbc:redshift://} or {@code jdbc:redshift:iam://} URL; user and password from {@code
 * FERRY_IT_REDSHIFT_USER} and {@code FERRY_IT_REDSHIFT_PASSWORD} when set), {@code
 * FERRY_IT_IAM_ROLE} (a role the cluster may assume to read and write the bucket) and {@code
 * FERRY_IT_S3} ({@code s3://bucket/prefix}, the lake root; Spark reaches it with the default AWS
 * credentials chain) are set. See docs/redshift.md.
 */
@ExtendWith(SparkExtension.class)
class RedshiftClusterTest {
  private static final String TABLE = "ferry_it.orders";

  @Test
  void loadsMergesRerunsAndUnloadsOnARealCluster(SparkSession spark) throws Exception {
    String url = System.getenv("FERRY_IT_REDSHIFT_URL");
    String role = System.getenv("FERRY_IT_IAM_ROLE");
    String s3 = System.getenv("FERRY_IT_S3");
    assumeTrue(url != null && role != null && s3 != null, "FERRY_IT_* not set: skipped");
    String user = Optional.ofNullable(System.getenv("FERRY_IT_REDSHIFT_USER")).orElse("");
    String credentials =
        user.isEmpty()
            ? ""
            : ", user = \"" + user + "\", password = ${?FERRY_IT_REDSHIFT_PASSWORD}";
    String runTag = Long.toString(System.currentTimeMillis());
    String hocon =
        """
        job.name = ferry_it
        lake.root = "%s/%s"
        connections.rs { url = "%s"%s }
        stages = [
          { name = input, type = test-sql, sql = \"\"\"
              SELECT id, CAST(id * 1.25 AS DECIMAL(12,2)) AS amount,
                     CASE WHEN id %% 3 = 0 THEN '' WHEN id %% 3 = 1 THEN NULL ELSE 'Grüße ☃' END AS note,
                     TIMESTAMP'2026-11-24 10:00:00.123456' AS at
              FROM range(1000) \"\"\" }
          { name = load, type = redshift-load, connection = rs, table = "%s", mode = merge,
            merge-keys = [id], iam-role = "%s", slices = 2, sortkey = [id] }
          { name = back, type = redshift-unload, connection = rs, iam-role = "%s",
            query = "SELECT count(*) AS n, sum(CASE WHEN note = '' THEN 1 ELSE 0 END) AS empty FROM %s" }
        ]
        """
            .formatted(s3, runTag, url, credentials, TABLE, role, role, TABLE);
    JobHarness harness = JobHarness.fromHocon(hocon);

    RunReport first =
        harness.run(spark, new RunRequest(Optional.of("it-" + runTag), OptionalDouble.empty()));
    RunReport rerun =
        harness.run(spark, new RunRequest(Optional.of("it-" + runTag), OptionalDouble.empty()));

    assertEquals(RunReport.Status.SUCCEEDED, first.status(), () -> first.error().orElse(""));
    assertEquals(RunReport.Status.SUCCEEDED, rerun.status(), () -> rerun.error().orElse(""));
    assertEquals(true, rerun.stage("load").orElseThrow().metrics().get("already_committed"));
    ConnectionSpec spec =
        new ConnectionSpec(
            "rs",
            url,
            user.isEmpty() ? Optional.empty() : Optional.of(user),
            Optional.ofNullable(System.getenv("FERRY_IT_REDSHIFT_PASSWORD"))
                .map(p -> io.ferry.core.secret.Secret.of("env", p)),
            Optional.empty(),
            Map.of());
    try (Connection c = RedshiftConnections.open(spec);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT count(*), count(note), sum(CASE WHEN note = '' THEN 1 ELSE 0 END) FROM "
                    + TABLE)) {
      rows.next();
      List<Long> counts = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        counts.add(rows.getLong(i));
      }
      assertEquals(List.of(1000L, 667L, 334L), counts);
    }
  }
}
