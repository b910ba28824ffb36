package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection password appears in no output of run, plan or a failing run, nor in the lake. */
class SecretsTest {
  static DemoDatabase db;
  @TempDir static Path dir;

  @BeforeAll
  static void startDatabase() {
    db = DemoDatabase.start(0);
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  static List<String> connectionArgs() {
    return List.of(
        "--set", "connections.app.url=" + db.url("app"),
        "--set", "connections.app.user=" + DemoDatabase.APP_USER,
        "--set", "connections.app.password=" + db.appPassword(),
        "--set", "connections.warehouse.url=" + db.url("dw"),
        "--set", "connections.warehouse.user=" + DemoDatabase.DW_USER);
  }

  static String[] args(String command, String job, Path lake, String... more) {
    // conf/env/local.conf reads the warehouse password from WAREHOUSE_PASSWORD.
    List<String> args =
        new ArrayList<>(
            List.of(command, job, "--env", "local", "--set", "lake.root=" + lake.toUri()));
    args.addAll(connectionArgs());
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The secrets the runs use: one given by --set, one by an environment variable. */
  static void assertNoSecret(String where, String text) {
    assertFalse(text.contains(db.appPassword()), where + " shows the app password:\n" + text);
    assertFalse(text.contains(db.dwPassword()), where + " shows the warehouse password:\n" + text);
  }

  static void assertNoSecretInLake(Path lake) throws IOException {
    try (Stream<Path> files = Files.walk(lake)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json") || name.endsWith(".csv") || name.endsWith(".crc")) {
          assertNoSecret(
              f.toString(), Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  @Test
  void runPlanAndAFailingRunNeverShowThePasswords() throws Exception {
    Path log4j = CliProcess.verboseLogging(dir);
    Map<String, String> env = Map.of("WAREHOUSE_PASSWORD", db.dwPassword());
    Path lake = Files.createDirectories(dir.resolve("lake"));
    Path jobFile = dir.resolve("copy.conf");
    Files.writeString(
        jobFile,
        """
        job { name = secrets }
        stages = [
          { name = customers, type = jdbc-ingest, connection = app, table = "public.customers" }
          { name = load, type = redshift-load, connection = warehouse, dialect = postgres,
            table = "warehouse.secrets_check" }
        ]
        """);
    String job = jobFile.toString();

    CliProcess.Result run = CliProcess.ferry(log4j, env, args("run", job, lake));
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("SUCCEEDED"), run.output());
    assertNoSecret("run output", run.output());

    CliProcess.Result plan = CliProcess.ferry(log4j, env, args("plan", job, lake));
    assertEquals(0, plan.exitCode(), plan.output());
    assertTrue(plan.output().contains("password=\"*****\""), plan.output());
    assertNoSecret("plan output", plan.output());

    Path failing = dir.resolve("failing.conf");
    Files.writeString(
        failing,
        """
        job { name = failing }
        stages = [ { name = missing, type = jdbc-ingest, connection = app, table = "public.no_such_table" } ]
        """);
    CliProcess.Result failed = CliProcess.ferry(log4j, env, args("run", failing.toString(), lake));
    assertEquals(1, failed.exitCode(), failed.output());
    assertTrue(failed.output().contains("no_such_table"), failed.output());
    assertNoSecret("failing run output", failed.output());

    assertNoSecretInLake(lake);
  }
}
