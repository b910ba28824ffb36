package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ferry.engine.job.JobSpec;
import io.ferry.testkit.JobHarness;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  private static final String ANSI = "spark.sql.ansi.enabled";

  private static JobSpec job(String sparkBlock) {
    return JobHarness.fromHocon(
            """
            job.name = session_conf
            lake.root = "file:///tmp/ferry-session-conf-lake"
            %s
            stages = [ { name = one, type = sql, sql = "SELECT 1" } ]
            """
                .formatted(sparkBlock))
        .validate();
  }

  @Test
  void ansiModeIsTheSparkLinesDefaultUnlessTheJobSetsIt() {
    assertFalse(SparkSessions.conf(job(""), Optional.empty()).containsKey(ANSI));
    assertEquals(
        "false",
        SparkSessions.conf(job("spark.conf { \"" + ANSI + "\" = false }"), Optional.empty())
            .get(ANSI));
    assertEquals(
        "true",
        SparkSessions.conf(job("spark.conf { \"" + ANSI + "\" = true }"), Optional.empty())
            .get(ANSI));
  }
}
