package io.ferry.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class MaskJobTest {
  @Test
  void runsTheJobFileAndWritesItsReport(SparkSession spark, @TempDir Path tmp) {
    RunReport report =
        JobHarness.fromFile(Path.of("src/test/resources/jobs/customers.conf"))
            .set("lake.root", TempLake.under(tmp))
            .set("params.run_date", "2026-11-23")
            .run(spark);

    assertEquals(RunReport.Status.SUCCEEDED, report.status(), () -> report.error().orElse(""));
    assertEquals(2, spark.table("clean").count());
    assertTrue(Files.exists(tmp.resolve("_runs/customers/" + report.runId() + "/report.json")));
  }
}
