package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.SparkExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo job end to end: the warehouse holds exactly what the source data says it should. */
@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class DemoJobTest {
  static final String JOB = "classpath:" + DemoCommand.DEMO_JOB;
  static final String TRAIN = "classpath:" + DemoCommand.TRAIN_JOB;
  static DemoDatabase db;

  @BeforeAll
  static void startDatabase(SparkSession spark) {
    db = DemoDatabase.start(0);
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  /** Churn propensity per customer id, in customer order. */
  static List<Double> warehouseScores() throws SQLException {
    List<Double> out = new ArrayList<>();
    try (Connection c = db.connectWarehouse();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT churn_propensity FROM "
                    + DemoCommand.RESULT_TABLE
                    + " ORDER BY customer_id")) {
      while (rs.next()) {
        double v = rs.getDouble(1);
        out.add(rs.wasNull() ? null : v);
      }
    }
    return out;
  }

  /** Every customer has a propensity in [0, 1]; customers without a paid order score higher. */
  static void assertScoresAreSensible() throws SQLException {
    try (Connection c = db.connectWarehouse();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(churn_propensity), min(churn_propensity), max(churn_propensity),"
                    + " avg(churn_propensity) FILTER (WHERE orders = 0),"
                    + " avg(churn_propensity) FILTER (WHERE orders > 0) FROM "
                    + DemoCommand.RESULT_TABLE)) {
      rs.next();
      assertEquals(DemoDatabase.CUSTOMERS, rs.getLong(1), "every customer is scored");
      assertTrue(rs.getDouble(2) >= 0 && rs.getDouble(3) <= 1, "propensities lie in [0, 1]");
      assertTrue(
          rs.getDouble(4) > rs.getDouble(5),
          "customers without a paid order churn more: "
              + rs.getDouble(4)
              + " vs "
              + rs.getDouble(5));
    }
  }

  void assertDemoResult(RunReport report) throws SQLException {
    assertEquals(RunReport.Status.SUCCEEDED, report.status(), report.error().orElse(""));
    assertEquals("demo", report.job());
    List<List<Object>> expected = DemoWarehouse.expectedRevenue(db);
    assertEquals(DemoDatabase.CUSTOMERS, expected.size());
    assertEquals(expected, DemoWarehouse.revenueColumns(DemoWarehouse.rows(db)));
    assertScoresAreSensible();
    assertEquals(
        DemoDatabase.CUSTOMERS, report.stage("load_revenue").orElseThrow().rowsOut().getAsLong());
    assertEquals(DemoDatabase.ORDERS, report.stage("orders").orElseThrow().rowsOut().getAsLong());
  }

  @Test
  void demoJobGivesTheSameResultWithTheLakeOnS3ThroughS3a(S3Server s3) throws Exception {
    // s3:// is proven on local-cluster by SparkSubmitClusterTest, with the job files on S3 too.
    DemoWarehouse.dropResult(db);
    String bucket = s3.newBucket();
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("lake.s3.endpoint", s3.endpoint());
    sets.put("lake.s3.region", s3.region());
    sets.put("lake.s3.path-style-access", "true");
    sets.put("lake.s3.access-key", s3.accessKey());
    sets.put("lake.s3.secret-key", s3.secretKey());
    RunReport report = DemoCommand.runDemo(db, TRAIN, JOB, "s3a://" + bucket + "/lake", sets);
    assertDemoResult(report);
    assertTrue(report.location().orElseThrow().startsWith("s3a://" + bucket + "/lake/_runs/demo/"));
    var keys =
        s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("lake/raw/demo/orders/")).contents();
    assertTrue(keys.stream().anyMatch(o -> o.key().endsWith("/_SUCCESS")), keys.toString());
    var model =
        s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("lake/models/churn/")).contents();
    assertTrue(
        model.stream().anyMatch(o -> o.key().endsWith("/ferry-model.json")), model.toString());
  }

  @Test
  void theDemoCommandRunsEndToEndAndExitsZero(@TempDir Path lake) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Ferry.execute(
            new PrintWriter(out), new PrintWriter(err), "demo", "--lake", lake.toString());
    assertEquals(0, code, out + "\n" + err);
    assertTrue(out.toString().contains("SUCCEEDED"), out.toString());
    assertTrue(out.toString().contains("now holds 200 rows"), out.toString());
  }
}
