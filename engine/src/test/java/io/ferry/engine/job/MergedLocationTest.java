package io.ferry.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Problems about values merged from the env file, the job file and --set point at a real line. */
class MergedLocationTest {
  private static final String JOB =
      """
      job { name = orders }
      lake {
        root = "file:///tmp/lake"
        s3 { access-key = abc }
      }
      connections { app { url = "jdbc:postgresql://db/app" } }
      stages = [
        { name = orders, type = test-source, connection = app, table = "t" }
      ]
      """;

  private static final String ENV =
      """
      lake {
        root = "file:///tmp/env-lake"
        s3 {
          region = eu-west-1
        }
      }
      """;

  static List<String> problems(String job, String env, Map<String, String> sets) {
    JobSource source = new JobSource("jobs/orders.conf", Optional.empty(), job);
    JobSource envSource = new JobSource("env/dev.conf", Optional.empty(), env);
    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () ->
                JobValidator.validate(
                    JobLoader.load(source, Optional.of(envSource), new TreeMap<>(sets)),
                    source,
                    TestStages.registry()));
    return e.problems().stream().sorted().map(Problem::toString).toList();
  }

  @Test
  void anObjectMergedFromTheEnvFileIsLocatedWhereTheJobFileWritesIt() {
    assertEquals(
        List.of(
            "jobs/orders.conf:4: lake.s3: set both access-key and secret-key, or neither (then the"
                + " AWS default credential chain is used)"),
        problems(JOB, ENV, Map.of()));
  }

  @Test
  void anObjectMergedFromSetIsLocatedAtItsFileLineAndASetValueAtItsKey() {
    assertEquals(
        List.of(
            "--set stages.orders.partitions: stages[0].partitions: expected an integer, found"
                + " 'many'",
            "jobs/orders.conf:4: lake.s3: set both access-key and secret-key, or neither (then the"
                + " AWS default credential chain is used)"),
        problems(
            JOB,
            ENV,
            Map.of("stages.orders.partitions", "many", "lake.s3.endpoint", "http://127.0.0.1:1")));
  }

  @Test
  void anObjectOnlySetFromTheCommandLineIsLocatedAtItsSetKey() {
    assertEquals(
        List.of(
            "--set lake.s3.access-key: lake.s3: set both access-key and secret-key, or neither"
                + " (then the AWS default credential chain is used)"),
        problems(
            JOB.replace("s3 { access-key = abc }", ""), "", Map.of("lake.s3.access-key", "k")));
  }
}
