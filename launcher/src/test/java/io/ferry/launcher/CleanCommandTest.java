package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanCommandTest {
  private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

  @TempDir Path lake;
  @TempDir Path dir;
  Path job;

  record Result(int exitCode, String out, String err) {}

  static Result ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private void file(String relative, Duration age) throws IOException {
    Path file = lake.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
  }

  @BeforeEach
  void jobWithLeftovers() throws IOException {
    job = dir.resolve("orders.conf");
    Files.writeString(
        job,
        """
        job.name = orders
        lake.root = "%s"
        stages = [
          { name = orders, type = sql, sql = "SELECT 1 AS id" }
          { name = report, type = sql, sql = "SELECT * FROM orders" }
        ]
        """
            .formatted(lake.toUri()));
    file("raw/orders/orders/run=r1/_SUCCESS", Duration.ofDays(3));
    file("raw/orders/orders/_attempt-run=r2-" + UUID + "/part-0.parquet", Duration.ofDays(2));
    file("raw/orders/orders/run=r3/part-0.parquet", Duration.ofHours(30));
    file("_staging/orders/report/r4/part-0.csv", Duration.ofHours(1));
  }

  @Test
  void aDryRunListsWhatIsOlderThanTheJobsAgeAndRemovesNothing() {
    Result result = ferry("clean", job.toString());

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(
        result
            .out()
            .contains(
                "would remove "
                    + lake.toUri().toString().replace("file:///", "file:/")
                    + "raw/orders/orders/_attempt-run=r2-"
                    + UUID
                    + "  (files of an ingest attempt that was never published, stage 'orders'"),
        result.out());
    assertTrue(
        result.out().contains("raw/orders/orders/run=r3  (a run folder that was never committed"),
        result.out());
    assertFalse(result.out().contains("r4"), "an hour old: younger than the default 24 h");
    assertTrue(
        result
            .out()
            .endsWith(
                "2 folders of job 'orders' would be removed; run again with --apply to remove"
                    + " them.\n"),
        result.out());
    assertTrue(Files.exists(lake.resolve("raw/orders/orders/run=r3/part-0.parquet")));
  }

  @Test
  void applyRemovesThemAndKeepsCommittedRuns() {
    Result result = ferry("clean", job.toString(), "--older-than", "30m", "--apply");

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().endsWith("Removed 3 folders of job 'orders'.\n"), result.out());
    assertFalse(Files.exists(lake.resolve("raw/orders/orders/_attempt-run=r2-" + UUID)));
    assertFalse(Files.exists(lake.resolve("raw/orders/orders/run=r3")));
    assertFalse(Files.exists(lake.resolve("_staging/orders/report/r4")));
    assertTrue(Files.exists(lake.resolve("raw/orders/orders/run=r1/_SUCCESS")));

    assertFalse(Files.exists(lake.resolve("_staging/orders/report")), "emptied, so removed too");
    Result again = ferry("clean", job.toString(), "--older-than", "30m");
    assertTrue(
        again.out().startsWith("Nothing to clean: job 'orders' left nothing older than 30m in "),
        again.out());
  }

  @Test
  void aBadAgeIsAUsageErrorSayingWhatToWrite() {
    Result result = ferry("clean", job.toString(), "--older-than", "soon");

    assertEquals(2, result.exitCode());
    assertEquals(
        "ferry: --older-than soon: not a duration; write e.g. --older-than 24h, 90m or 7d\n",
        result.err());
  }
}
