package io.ferry.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobLoaderTest {
  private static final JobSource JOB =
      new JobSource(
          "jobs/x.conf",
          Optional.empty(),
          """
          job { name = x }
          params { run_date = "2026-01-01", table = "orders_"${params.run_date} }
          lake { root = "file:///job-lake" }
          stages = [ { name = a, type = t, path = ${lake.root}"/in" } ]
          """);
  private static final JobSource ENV =
      new JobSource(
          "env/prod.conf",
          Optional.empty(),
          """
          lake { root = "s3://prod-lake/ferry" }
          connections { app { url = "jdbc:postgresql://prod/app" } }
          params { owner = "data-team" }
          """);

  @Test
  void theJobWinsOverTheEnvironmentAndSetWinsOverBoth() {
    Config c = JobLoader.load(JOB, Optional.of(ENV), Map.of("params.run_date", "2026-11-23"));
    assertEquals("file:///job-lake", c.getString("lake.root"));
    assertEquals("jdbc:postgresql://prod/app", c.getString("connections.app.url"));
    assertEquals("data-team", c.getString("params.owner"));
    assertEquals("2026-11-23", c.getString("params.run_date"));
    assertEquals("orders_2026-11-23", c.getString("params.table"), "substitutions see --set");
  }

  @Test
  void environmentValuesFillWhatTheJobLeavesOpen() {
    JobSource job = new JobSource("jobs/y.conf", Optional.empty(), "job { name = y }\nstages = []");
    Config c = JobLoader.load(job, Optional.of(ENV), Map.of());
    assertEquals("s3://prod-lake/ferry", c.getString("lake.root"));
  }

  @Test
  void optionalEnvironmentVariablesResolveOrDisappear() {
    JobSource job =
        new JobSource(
            "jobs/z.conf",
            Optional.empty(),
            "a = ${?PATH}\nb = ${?FERRY_SURELY_UNSET_VARIABLE_42}");
    Config c = JobLoader.load(job, Optional.empty(), Map.of());
    assertEquals(System.getenv("PATH"), c.getString("a"));
    assertTrue(!c.hasPath("b"));
  }

  @Test
  void aSyntaxErrorNamesFileAndLine() {
    JobSource broken =
        new JobSource(
            "jobs/broken.conf", Optional.empty(), "job { name = x }\nstages = [ { name = a \n");
    InvalidJobException e =
        assertThrows(
            InvalidJobException.class, () -> JobLoader.load(broken, Optional.empty(), Map.of()));
    assertEquals(1, e.problems().size());
    Problem p = e.problems().get(0);
    assertEquals("jobs/broken.conf", p.file());
    assertTrue(p.line() >= 2, p.toString());
  }

  @Test
  void anUnresolvedSubstitutionNamesItsLineAndSaysWhatToDo() {
    JobSource job =
        new JobSource(
            "jobs/sub.conf",
            Optional.empty(),
            "job { name = x }\nparams { d = ${params.run_date} }");
    InvalidJobException e =
        assertThrows(
            InvalidJobException.class, () -> JobLoader.load(job, Optional.empty(), Map.of()));
    String message = e.problems().get(0).toString();
    assertTrue(message.startsWith("jobs/sub.conf:2: "), message);
    assertTrue(message.contains("params.run_date"), message);
    assertTrue(message.contains("--set"), message);
  }

  private static String setMistake(String key, String value) {
    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobLoader.load(JOB, Optional.empty(), Map.of(key, value)));
    return e.problems().get(0).toString();
  }

  @Test
  void setReachesOneStagesOptionByTheStagesName() {
    Config c =
        JobLoader.load(
            JOB,
            Optional.empty(),
            Map.of("stages.a.partitions", "8", "stages.a.columns", "[id, name]"));
    Config stage = c.getConfigList("stages").get(0);
    assertEquals(8, stage.getInt("partitions"));
    assertEquals(java.util.List.of("id", "name"), stage.getStringList("columns"));
    assertEquals("file:///job-lake/in", stage.getString("path"), "the stage still resolves");
  }

  @Test
  void setNamingAStagesPositionSaysToNameTheStage() {
    assertEquals(
        "--set stages.0.direct: name the stage, not its position; write --set"
            + " stages.<name>.direct=VALUE with one of: a",
        setMistake("stages.0.direct", "false"));
  }

  @Test
  void setNamingAnUnknownStageSuggestsAName() {
    assertEquals(
        "--set stages.b.partitions: no stage is named 'b' (did you mean 'a'?); write --set"
            + " stages.<name>.partitions=VALUE with one of: a",
        setMistake("stages.b.partitions", "8"));
  }

  @Test
  void setWithoutAnOptionSaysWhatToWrite() {
    assertEquals(
        "--set stages.a: name an option; write --set stages.a.<option>=VALUE, e.g. --set"
            + " stages.a.partitions=8",
        setMistake("stages.a", "8"));
    assertEquals(
        "--set stages: the stage list cannot be replaced from the command line; set one option of"
            + " one stage with --set stages.<name>.<option>=VALUE",
        setMistake("stages", "[]"));
  }

  @Test
  void setWithAKeyThatIsNoPathSaysWhatToWrite() {
    assertTrue(
        setMistake("params..x", "1")
            .startsWith("--set params..x: 'params..x' is not a key path; write dotted names"),
        setMistake("params..x", "1"));
  }
}
