package io.ferry.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.launcher.Ferry;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresServer;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.TempLake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * {@code ferry check} against the embedded PostgreSQL, MariaDB and the S3 server: a ready job
 * passes and leaves no trace; broken variants of each part are all reported at once, each at its
 * file:line and stage, with exit code 2.
 */
@ExtendWith(S3ServerExtension.class)
class CheckCommandTest {
  private static PostgresDatabase pg;
  private static MariaDbSource maria;
  @TempDir static Path dir;

  record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void sources() {
    pg = PostgresServer.shared().createDatabase("check");
    pg.execute(
        "CREATE TABLE public.orders (id int PRIMARY KEY, amount numeric(12,2), note text)",
        "INSERT INTO public.orders VALUES (1, 9.50, 'a'), (2, 3.00, NULL)",
        "CREATE SCHEMA dw");
    maria = MariaDbSource.shared();
    maria.execute(
        "CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, name varchar(40))",
        "DELETE FROM customers",
        "INSERT INTO customers VALUES (1, 'Ann')");
  }

  @AfterAll
  static void dropDatabase() {
    PostgresServer.shared().dropDatabase(pg);
  }

  static Outcome check(Path job) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), "check", job.toString());
    return new Outcome(code, out.toString(), err.toString());
  }

  static String connections(String appPassword) {
    return """
        connections {
          app { url = "%s", user = "%s", password = "%s" }
          good_app { url = "%s", user = "%s", password = "%s" }
          shop { url = "%s", user = "%s", password = "%s" }
          dw { url = "%s", user = "%s", password = "%s" }
        }
        """
        .formatted(
            pg.jdbcUrl(),
            pg.user(),
            appPassword,
            pg.jdbcUrl(),
            pg.user(),
            pg.password(),
            maria.url(),
            MariaDbSource.USER,
            maria.password(),
            pg.jdbcUrl(),
            pg.user(),
            pg.password());
  }

  @Test
  void aReadyJobPassesAndLeavesNothingBehind(S3Server s3) throws Exception {
    String bucket = s3.newBucket();
    Files.writeString(dir.resolve("joined.sql"), "SELECT * FROM orders");
    Path job = dir.resolve("ready.conf");
    Files.writeString(
        job,
        """
        job { name = ready }
        lake.root = "s3a://%s/lake"
        %s
        %s
        stages = [
          { name = orders, type = jdbc-ingest, connection = app, table = "public.orders",
            columns = [id, amount], split-by = id }
          { name = customers, type = jdbc-ingest, connection = shop, table = "customers" }
          { name = joined, type = sql, sql-file = "joined.sql" }
          { name = load, type = redshift-load, connection = dw, table = "dw.orders_out",
            create-table = true }
        ]
        """
            .formatted(bucket, s3.hoconLakeS3(), connections(pg.password())));

    Outcome outcome = check(job);

    assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
    assertTrue(outcome.out().contains("lake s3a://" + bucket + "/lake: writable"), outcome.out());
    assertTrue(outcome.out().contains("stage 'orders' (jdbc-ingest): ready"), outcome.out());
    assertTrue(outcome.out().contains("stage 'customers' (jdbc-ingest): ready"), outcome.out());
    assertTrue(outcome.out().contains("stage 'load' (redshift-load): ready"), outcome.out());
    assertTrue(outcome.out().contains("connection 'good_app': logged in as "), outcome.out());
    assertEquals(
        0,
        s3.client().listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).build()).keyCount(),
        "the marker and any folder marker are gone");
    assertEquals(
        List.of(List.of(0L)),
        pg.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'dw'"),
        "no table created");
  }

  @Test
  void everyBrokenPartIsReportedAtOnceWithItsStageAndLine(S3Server s3) throws Exception {
    Path job = dir.resolve("broken.conf");
    Files.writeString(
        job,
        """
        job { name = broken }
        lake.root = "s3a://no-such-bucket-%s/lake"
        %s
        %s
        stages = [
          { name = wrong_password, type = jdbc-ingest, connection = app, table = "public.orders" }
          { name = missing_column, type = jdbc-ingest, connection = good_app,
            table = "public.orders", columns = [id, no_such_column] }
          { name = missing_table, type = jdbc-ingest, connection = shop, table = "no_such_table" }
          { name = load, type = redshift-load, connection = dw, table = "dw.absent",
            create-table = false, input = missing_column }
        ]
        """
            .formatted(s3.newBucket(), s3.hoconLakeS3(), connections("wrong-password")));

    Outcome outcome = check(job);

    assertEquals(2, outcome.exitCode(), outcome.out() + outcome.err());
    String err = outcome.err();
    assertTrue(err.startsWith("5 problems found before the run:"), err);
    assertProblem(
        err,
        job,
        "lake.root =",
        "lake.root",
        "cannot write a marker file in s3a://no-such-bucket-");
    assertProblem(
        err,
        job,
        "name = wrong_password",
        "stages[0].connection",
        "stage 'wrong_password': cannot log in to the source database through connection 'app' at localhost:");
    assertTrue(err.contains("password authentication failed"), err);
    assertProblem(
        err,
        job,
        "no_such_column]",
        "stages[1].columns",
        "stage 'missing_column': the source has no column 'no_such_column'");
    assertProblem(
        err,
        job,
        "no_such_table",
        "stages[2].table",
        "stage 'missing_table': the source rejects it:");
    assertTrue(err.contains("no_such_table' doesn't exist"), err);
    assertProblem(
        err,
        job,
        "dw.absent",
        "stages[3].table",
        "stage 'load': \"dw\".\"absent\" does not exist;"
            + " create it, or set create-table = true");
    assertTrue(err.contains("Nothing was written."), err);
    assertFalse(err.contains("wrong-password"), err);
  }

  @Test
  void aMissingModelFolderAndSqlFileAreReported() throws Exception {
    Path job = dir.resolve("files.conf");
    Files.writeString(
        job,
        """
        job { name = files }
        lake.root = "%s"
        stages = [
          { name = rows, type = sql, sql = "SELECT 1 AS x" }
          { name = from_file, type = sql, sql-file = "sql/no-such.sql" }
          { name = scores, type = model-score, model = "models/absent", input = rows }
        ]
        """
            .formatted(TempLake.under(Files.createDirectories(dir.resolve("lake")))));

    Outcome outcome = check(job);

    assertEquals(2, outcome.exitCode(), outcome.out() + outcome.err());
    assertProblem(
        outcome.err(),
        job,
        "no-such.sql",
        "stages[1].sql-file",
        "stage 'from_file': cannot read sql-file");
    assertProblem(
        outcome.err(), job, "models/absent", "stages[2].model", "stage 'scores': no model at");
    assertTrue(outcome.out().contains("stage 'rows' (sql): ready"), outcome.out());
  }

  /** A problem located at the line of {@code job} that holds {@code marker}. */
  static void assertProblem(String err, Path job, String marker, String key, String start)
      throws java.io.IOException {
    List<String> lines = Files.readAllLines(job);
    int line =
        1 + lines.indexOf(lines.stream().filter(l -> l.contains(marker)).findFirst().orElseThrow());
    Pattern p =
        Pattern.compile(
            "^  " + Pattern.quote(job + ":" + line + ": " + key + ": " + start) + ".*$",
            Pattern.MULTILINE);
    Matcher m = p.matcher(err);
    assertTrue(m.find(), "expected at " + job + ":" + line + " " + key + ": " + start + "\n" + err);
  }
}
