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
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL mid-ingest and mid-load leaves folders readers ignore; the next run of
 * the stage removes them, and the result is exactly one run's.
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class KilledRunLeftoversTest {
  private static final int ROWS = 300_000;

  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE big (id integer PRIMARY KEY, v text)",
        "INSERT INTO big SELECT g, repeat('v', 40) || g FROM generate_series(1, " + ROWS + ") g");
  }

  private static Path jobFile(Path dir, PostgresDatabase db) throws Exception {
    Path job = dir.resolve("big.conf");
    Files.writeString(
        job,
        """
        job.name = big
        lake.root = "%s"
        %s
        stages = [
          { name = big, type = jdbc-ingest, connection = src, table = big }
          { name = load, type = redshift-load, connection = src, table = "dw.big" }
        ]
        """
            .formatted(TempLake.under(dir.resolve("lake")), db.hoconConnection("src")));
    return job;
  }

  /** A folder below {@code parent} whose name starts with {@code prefix} and that holds a file. */
  private static Optional<Path> folderWithFiles(Path parent, String prefix) {
    if (!Files.isDirectory(parent)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(parent)) {
      return children
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(KilledRunLeftoversTest::holdsAFile)
          .findFirst();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static boolean holdsAFile(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.anyMatch(p -> Files.isRegularFile(p) && p.toFile().length() > 0);
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> names(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, () -> out + "\n" + err);
    return out.toString();
  }

  @Test
  void theNextRunRemovesWhatKilledIngestsAndLoadsLeftAndLoadsExactlyOnce(
      SparkSession spark, PostgresDatabase db, @TempDir Path dir) throws Exception {
    Path job = jobFile(dir, db);
    Path raw = dir.resolve("lake/raw/big/big");
    Path staging = dir.resolve("lake/_staging/big/load");

    KilledRun.killWhen(
        dir, job, "killed-ingest", () -> folderWithFiles(raw, "_attempt-run=").isPresent());
    KilledRun.killWhen(
        dir, job, "killed-load", () -> folderWithFiles(staging, "killed-load").isPresent());

    List<String> rawLeft = names(raw);
    assertTrue(
        rawLeft.stream().anyMatch(n -> n.startsWith("_attempt-run=killed-ingest-")), "" + rawLeft);
    assertFalse(rawLeft.contains("run=killed-ingest"), "a killed ingest commits nothing");
    assertEquals(List.of("killed-load"), names(staging));
    String listed = ferry("clean", job.toString(), "--older-than", "0s");
    assertTrue(listed.contains("_attempt-run=killed-ingest-"), listed);
    assertTrue(listed.contains("_staging/big/load/killed-load  (files staged"), listed);

    ferry("run", job.toString(), "--run-id", "after", "--set", "lake.clean-after=1ms");

    assertTrue(names(raw).stream().noneMatch(n -> n.startsWith("_attempt-run=")), "" + names(raw));
    assertFalse(Files.exists(staging), "staged files removed, then the empty folder");
    assertTrue(Files.exists(raw.resolve("run=after/_SUCCESS")));
    assertEquals(
        List.of(List.of(ROWS, ROWS)),
        db.query("SELECT count(*)::int, count(DISTINCT id)::int FROM dw.big").stream()
            .map(r -> r.stream().map(v -> ((Number) v).intValue()).toList())
            .toList(),
        "one run's rows, once");
    assertTrue(ferry("clean", job.toString(), "--older-than", "0s").startsWith("Nothing to clean"));
    assertEquals(ROWS, spark.read().parquet(raw.resolve("run=after").toString()).count());
  }
}
