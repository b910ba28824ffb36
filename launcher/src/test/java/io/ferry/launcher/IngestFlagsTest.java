package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The run flags of the ingest issue (--sample, watermarks) and ferry sqoop-convert. */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class IngestFlagsTest {

  record Outcome(int code, String out, String err) {}

  private static Outcome ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE events (id integer PRIMARY KEY, v text)",
        "INSERT INTO events SELECT g, 'v' FROM generate_series(1, 100) g");
  }

  private static Path jobFile(Path dir, PostgresDatabase db) throws Exception {
    Path job = dir.resolve("events.conf");
    Files.writeString(
        job,
        """
        job.name = events
        lake.root = "%s"
        %s
        stages = [
          { name = events, type = jdbc-ingest, connection = src, table = events,
            incremental { mode = append, column = id } }
        ]
        """
            .formatted(TempLake.under(dir.resolve("lake")), db.hoconConnection("src")));
    return job;
  }

  private static long rows(SparkSession spark, Path dir, String runId) {
    return spark
        .read()
        .parquet(dir.resolve("lake/raw/events/events/run=" + runId).toUri().toString())
        .count();
  }

  @Test
  void watermarkFlagsChangeWhereTheNextRunStarts(
      SparkSession spark, PostgresDatabase db, @TempDir Path dir) throws Exception {
    String job = jobFile(dir, db).toString();

    Outcome set = ferry("run", job, "--run-id", "set", "--set-watermark", "events=90");
    assertEquals(0, set.code(), set.err());
    assertTrue(set.out().contains("Watermark of stage 'events' set to 90"), set.out());
    assertEquals(10, rows(spark, dir, "set"));

    Outcome reset = ferry("run", job, "--run-id", "reset", "--reset-watermark", "events");
    assertEquals(0, reset.code(), reset.err());
    assertEquals(100, rows(spark, dir, "reset"));

    Path state = dir.resolve("lake/_state/events/events.json");
    String stored = Files.readString(state);
    assertTrue(stored.contains("\"watermark\" : \"100\""), stored);
    Outcome sampled =
        ferry("run", job, "--run-id", "sampled", "--reset-watermark", "events", "--sample", "0.5");
    assertEquals(
        new Outcome(
            2,
            "",
            "ferry: --sample leaves stored watermarks alone, so it cannot run with"
                + " --reset-watermark; change the watermark in a run without --sample, or give"
                + " sampled runs a lake of their own (e.g. --env dev) where no watermark is"
                + " stored\n"),
        sampled);
    assertEquals(2, ferry("run", job, "--set-watermark", "events=5", "--sample", "0.5").code());
    assertEquals(stored, Files.readString(state), "the refused runs left the watermark alone");
    assertFalse(Files.exists(dir.resolve("lake/raw/events/events/run=sampled")));
  }

  @Test
  void badFlagsAreUsageErrors(PostgresDatabase db, @TempDir Path dir) throws Exception {
    String job = jobFile(dir, db).toString();

    assertEquals(
        new Outcome(2, "", "ferry: --sample must be above 0 and at most 1, found 1.5\n"),
        ferry("run", job, "--sample", "1.5"));
    assertEquals(
        new Outcome(2, "", "ferry: job 'events' has no stage 'orders'; its stages are [events]\n"),
        ferry("run", job, "--reset-watermark", "orders"));
  }

  @Test
  void sqoopConvertPrintsAStageThatValidates(@TempDir Path dir) throws Exception {
    Outcome converted =
        ferry(
            "sqoop-convert",
            "--",
            "import",
            "--connect",
            "jdbc:postgresql://db.internal:5432/shop",
            "--username",
            "etl",
            "--table",
            "orders",
            "--split-by",
            "id",
            "--num-mappers",
            "8",
            "--hive-import");
    assertEquals(0, converted.code(), converted.err());
    assertTrue(
        converted.out().contains("# Unsupported, no jdbc-ingest equivalent: --hive-import\n"),
        converted.out());
    Path job = dir.resolve("migrated.conf");
    Files.writeString(
        job, "job.name = migrated\nlake.root = \"file:///tmp/lake\"\n" + converted.out());
    Outcome valid = ferry("validate", job.toString());
    assertEquals(0, valid.code(), valid.err() + valid.out());

    assertEquals(
        List.of(2, "ferry: give exactly one of --table and --query"),
        List.of(
            ferry("sqoop-convert", "--", "--connect", "jdbc:postgresql://h/d").code(),
            ferry("sqoop-convert", "--", "--connect", "jdbc:postgresql://h/d").err().strip()));
  }

  @Test
  void sqoopConvertRefusesToPrintAStageThatWouldNotValidateAndSaysWhatToFix() {
    Outcome mergeKeyAlone =
        ferry(
            "sqoop-convert",
            "--",
            "import",
            "--connect",
            "jdbc:postgresql://h/d",
            "--table",
            "orders",
            "--merge-key",
            "id");
    assertEquals(
        new Outcome(
            2,
            "",
            "ferry: --merge-key needs --incremental lastmodified and --check-column COLUMN: the"
                + " latest row per key is the one with the greatest COLUMN; add them, or drop"
                + " --merge-key\n"),
        mergeKeyAlone);

    Outcome queryWithoutConditions =
        ferry(
            "sqoop-convert",
            "--",
            "import",
            "--connect",
            "jdbc:postgresql://h/d",
            "--query",
            "SELECT id FROM orders",
            "--split-by",
            "id");
    assertEquals(
        new Outcome(
            2,
            "",
            "ferry: the stage converted from these sqoop arguments would not validate:\n"
                + "  stages[0].query: a parallel query (split-by or predicates set) must contain"
                + " $CONDITIONS where each partition's range goes, e.g. SELECT ... FROM orders o"
                + " WHERE o.status = 'paid' AND $CONDITIONS\n"
                + "Change the sqoop arguments (Ferry needs what sqoop import needs) and convert"
                + " again; nothing was printed.\n"),
        queryWithoutConditions);
  }
}
