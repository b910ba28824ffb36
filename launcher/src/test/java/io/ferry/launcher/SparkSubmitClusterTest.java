package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The app jar under {@code spark-submit}, as on EMR: the demo job on {@code
 * local-cluster[2,1,1024]} (executors are JVMs of their own, with Spark's jars and the app jar
 * only) loads the same rows as in local mode; the job, env and SQL files and the lake can live on
 * S3; a team's stage jar given with {@code --jars} is found; {@code --env}, {@code --set} and
 * environment variables resolve as they do from bin/ferry.
 *
 * <p>The churn model is trained once, in local mode, and the local-mode run of the demo job is the
 * reference every cluster run must equal.
 */
@Tag("cluster")
@ExtendWith(S3ServerExtension.class)
class SparkSubmitClusterTest {
  static final String DEMO = "classpath:" + DemoCommand.DEMO_JOB;
  static final String TRAIN = "classpath:" + DemoCommand.TRAIN_JOB;

  @TempDir static Path dir;
  static DemoDatabase db;
  static Path lake;
  static List<List<Object>> reference;
  static SparkSubmitProcess.Result localRun;

  @BeforeAll
  static void trainTheModelAndRunTheDemoInLocalMode() throws Exception {
    db = DemoDatabase.start(0);
    lake = Files.createDirectories(dir.resolve("lake"));
    SparkSubmitProcess.Result train =
        SparkSubmitProcess.submit(
            "train-local",
            SparkSubmitProcess.LOCAL,
            List.of(),
            localEnv(),
            "run",
            TRAIN,
            "--env",
            "local",
            "--set",
            "lake.root=" + lake.toUri());
    assertEquals(0, train.exitCode(), train.output());

    localRun =
        SparkSubmitProcess.submit(
            "demo-local",
            SparkSubmitProcess.LOCAL,
            List.of(),
            localEnv(),
            "run",
            DEMO,
            "--env",
            "local",
            "--set",
            "lake.root=" + lake.toUri(),
            "--run-id",
            "local-mode");
    assertEquals(0, localRun.exitCode(), localRun.output());
    reference = DemoWarehouse.rows(db);
    assertEquals(DemoWarehouse.expectedRevenue(db), DemoWarehouse.revenueColumns(reference));
    DemoWarehouse.dropResult(db);
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  /** conf/env/local.conf reads the databases' URLs and passwords from these variables. */
  static Map<String, String> localEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("APP_DB_URL", db.url("app"));
    env.put("APP_DB_PASSWORD", db.appPassword());
    env.put("WAREHOUSE_URL", db.url("dw"));
    env.put("WAREHOUSE_PASSWORD", db.dwPassword());
    return env;
  }

  static void assertNoSecret(SparkSubmitProcess.Result result, String... more) {
    List<String> secrets = new ArrayList<>(List.of(db.appPassword(), db.dwPassword()));
    secrets.addAll(List.of(more));
    for (String secret : secrets) {
      assertFalse(result.output().contains(secret), "a secret shows in:\n" + result.output());
    }
  }

  @Test
  void theDemoJobOnLocalClusterWithItsFilesAndLakeOnS3LoadsTheSameRowsAsInLocalMode(S3Server s3)
      throws Exception {
    String bucket = s3.newBucket();
    Path conf = SparkSubmitProcess.projectRoot().resolve("conf");
    upload(s3, bucket, "conf/jobs/demo.conf", conf.resolve("jobs/demo.conf"));
    upload(
        s3,
        bucket,
        "conf/jobs/sql/customer_revenue.sql",
        conf.resolve("jobs/sql/customer_revenue.sql"));
    String env =
        """
        lake {
          root = "s3://%s/lake"
          s3 {
            endpoint = "%s"
            region = "%s"
            path-style-access = true
            access-key = "%s"
            secret-key = ${?LAKE_S3_SECRET_KEY}
          }
        }
        connections {
          app { url = ${APP_DB_URL}, user = app_reader, password = ${?APP_DB_PASSWORD} }
          warehouse { url = ${WAREHOUSE_URL}, user = dw_loader, password = ${?WAREHOUSE_PASSWORD} }
        }
        """
            .formatted(bucket, s3.endpoint(), s3.region(), s3.accessKey());
    s3.client()
        .putObject(b -> b.bucket(bucket).key("conf/env/cluster.conf"), RequestBody.fromString(env));
    try (Stream<Path> model = Files.walk(lake.resolve("models"))) {
      for (Path f : model.filter(Files::isRegularFile).toList()) {
        upload(s3, bucket, "lake/" + lake.relativize(f).toString().replace('\\', '/'), f);
      }
    }
    Map<String, String> vars = new LinkedHashMap<>(localEnv());
    vars.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    vars.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    vars.put("AWS_REGION", s3.region());
    vars.put("FERRY_S3_ENDPOINT", s3.endpoint());
    vars.put("FERRY_S3_PATH_STYLE", "true");
    vars.put("LAKE_S3_SECRET_KEY", s3.secretKey());

    DemoWarehouse.dropResult(db);
    SparkSubmitProcess.Result run =
        SparkSubmitProcess.submit(
            "demo-s3-local-cluster",
            SparkSubmitProcess.CLUSTER,
            List.of(),
            vars,
            "run",
            "s3a://" + bucket + "/conf/jobs/demo.conf",
            "--env",
            "s3://" + bucket + "/conf/env/cluster.conf",
            "--run-id",
            "s3-cluster");

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("SUCCEEDED"), run.output());
    assertEquals(reference, DemoWarehouse.rows(db), "local-cluster loads what local mode loads");
    assertExecutorsFetchedTheAppJar(2);
    List<String> keys =
        s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("lake/")).contents().stream()
            .map(o -> o.key())
            .toList();
    assertTrue(keys.contains("lake/raw/demo/orders/run=s3-cluster/_SUCCESS"), keys.toString());
    assertTrue(keys.contains("lake/_runs/demo/s3-cluster/report.json"), keys.toString());
    assertNoSecret(run, s3.secretKey());
    System.out.printf(
        "demo job under spark-submit, cold JVM each: local[2] (local lake) %.1f s, %s (job, env,"
            + " SQL and lake on S3) %.1f s%n",
        localRun.wallTime().toMillis() / 1000.0,
        SparkSubmitProcess.CLUSTER,
        run.wallTime().toMillis() / 1000.0);
  }

  @Test
  void aTeamsStageJarGivenWithJarsIsFoundOnTheCluster() throws Exception {
    Path job = dir.resolve("masked.conf");
    Files.writeString(
        job,
        """
        job { name = masked }
        stages = [
          { name = people, type = sql,
            sql = "SELECT id, concat('user', id, '@example.com') AS email FROM range(1, 101, 1, 4)" }
          { name = masked, type = mask-columns, columns = [email], salt = "s1" }
          { name = load, type = redshift-load, connection = warehouse, dialect = postgres,
            table = "warehouse.masked_people", mode = overwrite }
        ]
        """);
    String[] args = {"run", job.toString(), "--env", "local", "--set", "lake.root=" + lake.toUri()};

    SparkSubmitProcess.Result without =
        SparkSubmitProcess.submit(
            "masked-without-jars", SparkSubmitProcess.LOCAL, List.of(), localEnv(), args);
    assertEquals(2, without.exitCode(), without.output());
    assertTrue(without.output().contains("unknown stage type 'mask-columns'"), without.output());

    SparkSubmitProcess.Result with =
        SparkSubmitProcess.submit(
            "masked-with-jars",
            SparkSubmitProcess.CLUSTER,
            List.of(SparkSubmitProcess.stageExampleJar()),
            localEnv(),
            args);
    assertEquals(0, with.exitCode(), with.output());
    try (Connection c = db.connectWarehouse();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE email = encode(sha256(convert_to("
                    + "'s1user' || id || '@example.com', 'UTF8')), 'hex'))"
                    + " FROM warehouse.masked_people")) {
      rs.next();
      assertEquals(100, rs.getLong(1));
      assertEquals(100, rs.getLong(2), "every email is the salted SHA-256 of the original");
    }
  }

  @Test
  void planWithTheProdEnvPrintsUnderSparkSubmitWhatItPrintsFromTheCli() {
    String secret = "Pw-" + Long.toHexString(System.nanoTime());
    String[] args = {
      "plan",
      DEMO,
      "--env",
      "prod",
      "--set",
      "params.run_date=2026-11-23",
      "--set",
      "connections.warehouse.password=" + secret
    };
    StringWriter out = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
    assertEquals(0, code, out.toString());

    SparkSubmitProcess.Result submitted =
        SparkSubmitProcess.submit("plan-prod", SparkSubmitProcess.LOCAL, List.of(), Map.of(), args);

    assertEquals(0, submitted.exitCode(), submitted.output());
    assertTrue(submitted.output().contains(out.toString()), submitted.output());
    assertTrue(out.toString().contains("\"run_date\"=\"2026-11-23\""), out.toString());
    assertTrue(out.toString().contains("password=\"*****\""), out.toString());
    assertNoSecret(submitted, secret);
  }

  private static void upload(S3Server s3, String bucket, String key, Path file) {
    s3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
  }

  /**
   * Each executor of the latest local-cluster application downloaded the app jar into its own work
   * folder: its classes came from there, not from a shared classpath.
   */
  private static void assertExecutorsFetchedTheAppJar(int executors) throws IOException {
    Path work = SparkSubmitProcess.sparkHome().resolve("work");
    Path app;
    try (Stream<Path> apps = Files.list(work)) {
      app = apps.max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
    }
    String jar = SparkSubmitProcess.appJar().getFileName().toString();
    try (Stream<Path> dirs = Files.list(app)) {
      List<Path> withJar = dirs.filter(d -> Files.isRegularFile(d.resolve(jar))).toList();
      assertEquals(executors, withJar.size(), app + " holds no " + jar + " per executor");
    }
  }
}
