package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCliTest {
  @TempDir Path dir;

  @Test
  void fiveMistakesArePrintedWithFileAndLineAndExitTwoWithoutStartingSpark() throws Exception {
    Path job = dir.resolve("broken.conf");
    Files.writeString(
        job,
        """
        job { name = broken }
        lake { root = "file:///tmp/ferry-broken" }
        connections { app { url = "jdbc:postgresql://localhost/app", user = a } }
        stages = [
          { name = orders, type = jdbc-ingest, connection = app, tabel = "public.orders" }
          { name = orders, type = jdbc-ingest, connection = app, table = t, fetch-size = lots }
          { name = report, type = sql, sql = "SELECT 1 AS x" }
          { name = load, type = redshift-load, input = nowhere, table = "w.t", dialect = postgres }
        ]
        """);
    CliProcess.Result result =
        CliProcess.ferry(CliProcess.verboseLogging(dir), Map.of(), "validate", job.toString());

    assertEquals(2, result.exitCode(), result.output());
    String f = job.toString();
    List<String> expected =
        List.of(
            f
                + ":5: stages[0].tabel: unknown option for stage type 'jdbc-ingest' (did you mean 'table'?)",
            f + ":6: stages[1].name: duplicate stage name 'orders'",
            f + ":6: stages[1].fetch-size: expected an integer, found 'lots'",
            f + ":8: stages[3].connection: missing required option",
            f + ":8: stages[3].input: no earlier stage is named 'nowhere'");
    for (String line : expected) {
      assertTrue(result.output().contains(line), "missing: " + line + "\n" + result.output());
    }
    assertTrue(result.output().contains("problems in the job"), result.output());
    assertFalse(result.output().contains("SparkContext"), "validate must not start Spark");
    assertFalse(result.output().contains("Running Spark version"), result.output());
  }

  @Test
  void aValidJobPrintsOkAndExitsZero() throws Exception {
    CliProcess.Result result =
        CliProcess.ferry(
            CliProcess.verboseLogging(dir),
            Map.of(),
            "validate",
            "classpath:conf/jobs/demo.conf",
            "--env",
            "local");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("OK: job 'demo'"), result.output());
  }

  @Test
  void aMissingJobFileIsAUsageError() {
    int code =
        Ferry.execute(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()),
            "validate",
            dir.resolve("nope.conf").toString());
    assertEquals(2, code);
  }
}
