package io.ferry.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobValidatorTest {
  private static final String GOOD =
      """
      job { name = orders }
      lake { root = "file:///tmp/lake" }
      connections {
        app { url = "jdbc:postgresql://db:5432/app", user = reader, password = "s3cr3t-pw" }
      }
      stages = [
        { name = orders, type = test-source, connection = app, table = "public.orders" }
        { name = load, type = test-sink, input = orders }
      ]
      """;

  static JobSpec validate(String text) {
    JobSource source = new JobSource("jobs/orders.conf", Optional.empty(), text);
    return JobValidator.validate(
        JobLoader.load(source, Optional.empty(), Map.of()), source, TestStages.registry());
  }

  static List<String> problems(String text) {
    InvalidJobException e = assertThrows(InvalidJobException.class, () -> validate(text));
    return e.problems().stream().sorted().map(Problem::toString).toList();
  }

  @Test
  void validJobBuildsTheSpecWithDefaultsApplied() {
    JobSpec job = validate(GOOD);
    assertEquals("orders", job.name());
    assertEquals(2, job.stages().size());
    assertEquals(4, job.stages().get(0).options().get(TestStages.PARTITIONS));
    assertEquals("db:5432", job.connections().get("app").host());
    assertEquals("*****", job.connections().get("app").password().orElseThrow().toString());
  }

  @Test
  void fiveDifferentMistakesAreAllReportedAtOnceWithFileAndLine() {
    String text =
        """
        job { name = orders }
        lake { root = "file:///tmp/lake" }
        connections { app { url = "jdbc:postgresql://db/app" } }
        stages = [
          { name = orders, type = test-source, connection = app, tabel = "t", table = "t" }
          { name = orders, type = test-source, connection = app, table = "t", partitions = many }
          { name = load, type = test-sink, input = nowhere }
          { name = extra, type = test-source, table = "t" }
        ]
        """;
    List<String> problems = problems(text);
    assertEquals(
        List.of(
            "jobs/orders.conf:5: stages[0].tabel: unknown option for stage type 'test-source'"
                + " (did you mean 'table'?); run 'ferry stages test-source' to list its options",
            "jobs/orders.conf:6: stages[1].name: duplicate stage name 'orders'; stage names must"
                + " be unique (case-insensitive)",
            "jobs/orders.conf:6: stages[1].partitions: expected an integer, found 'many'",
            "jobs/orders.conf:7: stages[2].input: no earlier stage is named 'nowhere'",
            "jobs/orders.conf:8: stages[3].connection: missing required option: The source"
                + " connection."),
        problems);
  }

  @Test
  void unknownTopLevelKeySuggestsTheClosestOne() {
    List<String> problems = problems(GOOD.replace("lake {", "lakes {"));
    assertTrue(
        problems.contains(
            "jobs/orders.conf:2: lakes: unknown key (did you mean 'lake'?); allowed here:"
                + " connections, deploy, job, lake, params, spark, stages, state"),
        problems.toString());
    assertTrue(
        problems.contains("jobs/orders.conf:1: lake: missing: add a 'lake' block"),
        problems.toString());
  }

  @Test
  void unknownStageTypeListsTheKnownTypes() {
    List<String> problems = problems(GOOD.replace("type = test-sink", "type = test-snk"));
    assertEquals(
        List.of(
            "jobs/orders.conf:8: stages[1].type: unknown stage type 'test-snk' (did you mean"
                + " 'test-sink'?); known types: test-sink, test-source (a stage module missing"
                + " from the classpath?)"),
        problems);
  }

  @Test
  void inputNamingALaterStageIsRefused() {
    String text =
        GOOD.replace(
            "{ name = load, type = test-sink, input = orders }",
            "{ name = load, type = test-sink, input = later }\n"
                + "  { name = later, type = test-source, connection = app, query = \"select 1\" }");
    assertEquals(
        List.of("jobs/orders.conf:8: stages[1].input: no earlier stage is named 'later'"),
        problems(text));
  }

  @Test
  void declaredRulesAndStageChecksRun() {
    String text =
        GOOD.replace(
            "table = \"public.orders\"", "table = \"t\", query = \"select 1\", partitions = 0");
    assertEquals(
        List.of(
            "jobs/orders.conf:7: stages[0].partitions: must be at least 1",
            "jobs/orders.conf:7: stages[0].query: exactly one of 'table', 'query' must be set,"
                + " found 2"),
        problems(text),
        "the stage's own checks run beside a broken rule, since every option read cleanly");
    String zero = GOOD.replace("table = \"public.orders\"", "table = \"t\", partitions = 0");
    assertEquals(
        List.of("jobs/orders.conf:7: stages[0].partitions: must be at least 1"), problems(zero));
  }

  @Test
  void unknownConnectionSuggestsADefinedOne() {
    assertEquals(
        List.of(
            "jobs/orders.conf:7: stages[0].connection: unknown connection 'ap' (did you mean"
                + " 'app'?); define it under 'connections' (defined: app)"),
        problems(GOOD.replace("connection = app", "connection = ap")));
  }

  @Test
  void credentialsInAJdbcUrlAreRefusedWithoutEchoingThem() {
    List<String> problems =
        problems(
            GOOD.replace(
                "jdbc:postgresql://db:5432/app",
                "jdbc:postgresql://db:5432/app?password=hunter22"));
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("the URL carries credentials"), problems.get(0));
  }

  @Test
  void freeFormOptionsAcceptAnyKeyBelowThem() {
    JobSpec job =
        validate(
            GOOD.replace(
                "table = \"public.orders\"", "table = t, reader { fetchsize = 10, x.y = z }"));
    assertEquals(
        Map.of("fetchsize", "10", "x.y", "z"),
        job.stages().get(0).options().get(TestStages.READER));
  }

  @Test
  void aStageNameMustBeUsableAsASqlView() {
    assertEquals(
        List.of(
            "jobs/orders.conf:7: stages[0].name: 'load-orders' is not a valid stage name: use"
                + " letters, digits and '_', not starting with a digit (it becomes a SQL view"
                + " name)",
            "jobs/orders.conf:8: stages[1].input: no earlier stage is named 'orders'"),
        problems(GOOD.replace("{ name = orders,", "{ name = load-orders,")));
  }

  @Test
  void passwordFromSecretsManagerIsResolvedOnlyWhenUsed() {
    JobSpec job =
        validate(
            GOOD.replace(
                "password = \"s3cr3t-pw\"",
                "password { secrets-manager = \"prod/app\", key = pw, region = eu-west-1 }"));
    assertEquals(
        "AWS Secrets Manager prod/app",
        job.connections().get("app").password().orElseThrow().source());
  }

  @Test
  void stateStoreDefaultsToTheLakeAndOthersNeedAKnownStoreAndConnection() {
    assertEquals("lake", validate(GOOD).state().store());
    assertEquals(
        List.of(
            "jobs/orders.conf:1: state.connection: missing: the 'warehous' state store needs the"
                + " connection to keep watermarks in",
            "jobs/orders.conf:1: state.store: unknown state store 'warehous'; known: lake"),
        problems("state { store = warehous }\n" + GOOD));
  }

  @Test
  void stagePathsResolveAgainstTheJobFilesFolder() {
    JobSource source =
        new JobSource("jobs/orders.conf", Optional.of("s3://b/jobs/orders.conf"), GOOD);
    var stage =
        JobValidator.validate(
                JobLoader.load(source, Optional.empty(), Map.of()), source, TestStages.registry())
            .stages()
            .get(0);
    assertEquals("s3://b/jobs/sql/x.sql", stage.resolve("sql/x.sql"));
    assertEquals("/abs/x.sql", stage.resolve("/abs/x.sql"));
    assertEquals("file:///x.sql", stage.resolve("file:///x.sql"));
  }

  @Test
  void sparkConfKeysReachSparkAsWrittenQuotedOrNot() {
    JobSpec job =
        validate(
            "spark.conf { \"spark.sql.ansi.enabled\" = false, spark.sql.shuffle.partitions = 64 }\n"
                + GOOD);
    assertEquals(
        Map.of("spark.sql.ansi.enabled", "false", "spark.sql.shuffle.partitions", "64"),
        job.spark().conf());
  }
}
