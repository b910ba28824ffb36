package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresServer;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DESIGN.md guarantee 6, scanned: recognisable secrets in a password written in the job, a password
 * read from an environment variable, a JDBC URL's query parameter and the lake's S3 secret key go
 * through a successful run and runs that fail on bad SQL, an unreachable host and a COPY the
 * warehouse rejects, each a process of its own with Spark's event log on; then through {@code
 * plan}, {@code check} and {@code export}. Every byte they leave (standard output and error with
 * INFO logs, the event logs, every object in the lake: run reports, staged and raw files) is
 * searched: zero hits.
 *
 * <p>The app password comes from an AWS Secrets Manager JSON payload, read by the real SDK v2
 * client from a loopback endpoint that answers GetSecretValue in the service's JSON protocol (as
 * {@code SecretsManagerSecretsTest} does; the testkit has no Secrets Manager server and S3Proxy
 * serves only S3); the warehouse password from an environment variable.
 */
@ExtendWith(S3ServerExtension.class)
class SecretsEverywhereTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String APP_PASSWORD = "FerryAppPw" + token();
  private static final String DW_PASSWORD = "FerryDwPw" + token();
  private static final String URL_SECRET = "FerryUrlSecret" + token();
  private static final String DW_PASSWORD_VARIABLE = "FERRY_SECRETS_TEST_DW_PASSWORD";
  private static final String READER = "secrets_reader_" + token();

  private static PostgresDatabase db;
  private static HttpServer secretsManager;
  @TempDir static Path dir;

  private static String token() {
    return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
  }

  @BeforeAll
  static void warehouse() throws SQLException {
    db = PostgresServer.shared().createDatabase("secrets");
    try (Connection c = PostgresServer.shared().connectAsSuperuser();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
    }
    db.execute(
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.orders (id int PRIMARY KEY, note text)",
        "INSERT INTO shop.orders VALUES (1, 'a'), (2, 'b')",
        "CREATE SCHEMA dw",
        "CREATE TABLE dw.short_codes (code varchar(2))",
        "GRANT USAGE ON SCHEMA shop TO " + READER,
        "GRANT SELECT ON shop.orders TO " + READER);
    // The warehouse user's password becomes a recognisable one too.
    try (Connection c = PostgresServer.shared().connectAsSuperuser();
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE \"" + db.user() + "\" PASSWORD '" + DW_PASSWORD + "'");
    }
    db = new PostgresDatabase(db.name(), db.jdbcUrl(), db.user(), DW_PASSWORD);
  }

  @BeforeAll
  static void secretsManager() throws IOException {
    secretsManager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    secretsManager.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          byte[] answer;
          int status = 200;
          if (body.contains("\"ferry/app-db\"")) {
            answer =
                ("{\"Name\":\"ferry/app-db\",\"SecretString\":\"{\\\"username\\\":\\\""
                        + READER
                        + "\\\","
                        + "\\\"password\\\":\\\""
                        + APP_PASSWORD
                        + "\\\"}\"}")
                    .getBytes(StandardCharsets.UTF_8);
          } else {
            status = 400;
            answer =
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such secret\"}"
                    .getBytes(StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    secretsManager.start();
  }

  @AfterAll
  static void drop() throws SQLException {
    if (secretsManager != null) {
      secretsManager.stop(0);
    }
    PostgresServer.shared().dropDatabase(db);
    try (Connection c = PostgresServer.shared().connectAsSuperuser();
        Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS " + READER);
    }
  }

  private static String job(S3Server s3, String bucket, String appUrl, String stages) {
    return """
        job { name = secrets }
        lake.root = "s3a://%s/lake"
        %s
        connections {
          app { url = "%s", user = %s,
            password { secrets-manager = "ferry/app-db", region = us-east-1, endpoint = "%s" } }
          dw { url = "%s", user = "%s", password { env = %s } }
        }
        stages = [
        %s
        ]
        """
        .formatted(
            bucket,
            s3.hoconLakeS3(),
            appUrl,
            READER,
            "http://127.0.0.1:" + secretsManager.getAddress().getPort(),
            db.jdbcUrl(),
            db.user(),
            DW_PASSWORD_VARIABLE,
            stages);
  }

  private static String appUrl(String jdbcUrl) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "sslpassword=" + URL_SECRET;
  }

  @Test
  void noSecretReachesAnyOutputOfRunsPlanCheckOrExport(S3Server s3) throws Exception {
    String bucket = s3.newBucket();
    Path events = Files.createDirectories(dir.resolve("events"));
    Path log4j = CliProcess.verboseLogging(dir);
    Map<String, String> outputs = new LinkedHashMap<>();
    String ingest =
        "{ name = orders, type = jdbc-ingest, connection = app, table = \"shop.orders\" }";
    Map<String, String> jobs = new LinkedHashMap<>();
    jobs.put(
        "succeeds",
        job(
            s3,
            bucket,
            appUrl(db.jdbcUrl()),
            ingest
                + "\n{ name = load, type = redshift-load, connection = dw, table ="
                + " \"dw.orders_copy\" }"));
    jobs.put(
        "bad-sql",
        job(
            s3,
            bucket,
            appUrl(db.jdbcUrl()),
            "{ name = orders, type = jdbc-ingest, connection = app, query = \"SELEC id FROM"
                + " shop.orders\" }"));
    jobs.put(
        "unreachable-host", job(s3, bucket, appUrl("jdbc:postgresql://127.0.0.1:1/app"), ingest));
    jobs.put(
        "copy-rejected",
        job(
            s3,
            bucket,
            appUrl(db.jdbcUrl()),
            "{ name = codes, type = sql, sql = \"SELECT 'too long' AS code\" }\n"
                + "{ name = load, type = redshift-load, connection = dw, table ="
                + " \"dw.short_codes\", staging-format = csv }"));
    Map<String, Integer> expectedExit =
        Map.of("succeeds", 0, "bad-sql", 1, "unreachable-host", 1, "copy-rejected", 1);
    // The SDK signs its requests; the loopback endpoint ignores the signature.
    Map<String, String> env =
        Map.of(
            DW_PASSWORD_VARIABLE,
            DW_PASSWORD,
            "AWS_ACCESS_KEY_ID",
            "AKIAFERRYTEST",
            "AWS_SECRET_ACCESS_KEY",
            "not-a-real-key");
    for (var e : jobs.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".conf");
      Files.writeString(file, e.getValue());
      CliProcess.Result run =
          CliProcess.ferry(
              log4j,
              env,
              "run",
              file.toString(),
              "--set",
              "spark.conf.\"spark.eventLog.enabled\"=true",
              "--set",
              "spark.conf.\"spark.eventLog.dir\"=" + events.toUri());
      assertEquals(expectedExit.get(e.getKey()), run.exitCode(), e.getKey() + ":\n" + run.output());
      outputs.put("run " + e.getKey(), run.output());
    }
    assertTrue(outputs.get("run copy-rejected").contains("too long"), outputs.toString());
    assertEquals(List.of(List.of(2L)), db.query("SELECT count(*) FROM dw.orders_copy"));

    Path succeeds = dir.resolve("succeeds.conf");
    outputs.put("plan", inProcess("plan", succeeds.toString()));
    outputs.put(
        "check",
        inProcess("check", succeeds.toString(), "--set", "connections.app.password=wrong"));
    outputs.put(
        "export",
        inProcess(
            "export",
            "src/test/resources/export/jobs/orders.conf",
            "--env",
            "prod",
            "--to",
            "airflow",
            "--run-date",
            "2026-11-24",
            "--set",
            "connections.warehouse.password=" + DW_PASSWORD));
    try (Stream<Path> files = Files.walk(events)) {
      List<Path> logs = files.filter(Files::isRegularFile).toList();
      assertEquals(4, logs.size(), "one event log per run: " + logs);
      for (Path log : logs) {
        outputs.put(
            "event log " + log.getFileName(), Files.readString(log, StandardCharsets.ISO_8859_1));
      }
    }
    outputs.putAll(lakeObjects(s3, bucket));

    List<String> hits = new ArrayList<>();
    Map<String, String> secrets =
        Map.of(
            "app password (Secrets Manager)", APP_PASSWORD,
            "warehouse password (env)", DW_PASSWORD,
            "JDBC URL parameter", URL_SECRET,
            "S3 secret key", s3.secretKey());
    outputs.forEach(
        (where, text) ->
            secrets.forEach(
                (what, value) -> {
                  if (text.contains(value)) {
                    hits.add(what + " in " + where);
                  }
                }));
    assertEquals(List.of(), hits, "secrets found");
    assertTrue(
        outputs.keySet().stream().anyMatch(k -> k.contains("report.json")),
        outputs.keySet().toString());
  }

  private static String inProcess(String... args) {
    StringWriter out = new StringWriter();
    Ferry.execute(new PrintWriter(out), new PrintWriter(out), args);
    return out.toString();
  }

  /** Every object in the bucket, read as bytes: reports, staged files, Parquet. */
  private static Map<String, String> lakeObjects(S3Server s3, String bucket) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (S3Object o :
        s3.client()
            .listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).build())
            .contents()) {
      byte[] bytes =
          s3.client()
              .getObject(
                  GetObjectRequest.builder().bucket(bucket).key(o.key()).build(),
                  ResponseTransformer.toBytes())
              .asByteArray();
      out.put("lake object " + o.key(), new String(bytes, StandardCharsets.ISO_8859_1));
    }
    return out;
  }
}
