package io.ferry.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.launcher.Ferry;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresServer;
import io.ferry.testkit.SharedSpark;
import io.ferry.testkit.TempLake;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix: every broken job or command line under {@code bad-input/}, run through
 * {@link Ferry#execute} in this JVM (one shared SparkSession), as {@code expectations.tsv} says:
 * the exit code, fragments of the message (the file:line and key, or the stage, and what to do),
 * and that nothing reached the warehouse table or a committed lake folder.
 *
 * <p>The job files hold placeholders ({@code @PG_URL@}, {@code @LAKE@}, ...) that each case's copy
 * replaces with the embedded databases and a lake folder of its own, line for line, so the
 * locations the messages name are those of the copy.
 */
class BadInputMatrixTest {
  private static final String FOLDER = "bad-input/";
  private static PostgresDatabase pg;
  private static MariaDbSource maria;
  @TempDir static Path dir;
  private static Path model;

  /**
   * One row of expectations.tsv.
   *
   * @param args the command line after {@code ferry}; {@code {file}} is the case's copy
   * @param fragments each must appear in the output; {@code {file}} is the case's copy
   */
  record Case(String file, List<String> args, int exitCode, List<String> fragments) {}

  @BeforeAll
  static void world() throws IOException {
    SharedSpark.session();
    pg = PostgresServer.shared().createDatabase("matrix");
    pg.execute(
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.orders (id int PRIMARY KEY, amount numeric(12,2), note text)",
        "INSERT INTO shop.orders VALUES (1, 9.50, 'a'), (2, 3.00, NULL), (3, 1.25, 'c')",
        "CREATE TABLE shop.empty_orders (id int PRIMARY KEY, amount numeric(12,2), note text)",
        "CREATE SCHEMA dw",
        "CREATE TABLE dw.narrow (id int)");
    maria = MariaDbSource.shared();
    Files.writeString(Files.createFile(dir.resolve("blocked")), "a file where a folder should be");
    model = dir.resolve("models/xy");
    trainModel();
  }

  @AfterAll
  static void dropDatabase() {
    PostgresServer.shared().dropDatabase(pg);
  }

  /** A model over features x and y, for the case whose input lacks y. */
  private static void trainModel() throws IOException {
    Path job = dir.resolve("train.conf");
    Files.writeString(
        job,
        """
        job { name = train }
        lake.root = "%s"
        stages = [
          { name = rows, type = sql, sql = "SELECT CAST(id AS double) AS x, CAST(id %% 7 AS double) AS y, CAST(id %% 2 AS int) AS label FROM range(40)" }
          { name = train, type = model-train, features = [x, y], label = label, output = "%s", test-fraction = 0.25 }
        ]
        """
            .formatted(TempLake.under(Files.createDirectories(dir.resolve("train-lake"))), model));
    StringWriter out = new StringWriter();
    int code = Ferry.execute(new PrintWriter(out), new PrintWriter(out), "run", job.toString());
    assertEquals(0, code, out.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyBrokenInputFailsClearlyAndWritesNothing() throws IOException {
    List<Case> cases = expectations();
    assertTrue(cases.size() >= 40, "the matrix holds " + cases.size() + " cases");
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.file() + " " + c.args(), () -> run(c)));
  }

  private static void run(Case c) throws Exception {
    String name = c.file().replace(".conf", "");
    Path lake = dir.resolve("lakes").resolve(name + "-" + c.args().hashCode());
    Path copy = copy(c.file(), lake);
    List<String> args = new ArrayList<>();
    for (String a : c.args()) {
      args.add(a.replace("{file}", copy.toString()));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Ferry.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    String output = out + "\n" + err;
    assertEquals(c.exitCode(), code, "exit code of ferry " + args + "\n" + output);
    for (String fragment : c.fragments()) {
      String expected = fragment.replace("{file}", copy.toString());
      assertTrue(output.contains(expected), "expected '" + expected + "' in:\n" + output);
    }
    assertEquals(List.of(List.of(0L)), pg.query("SELECT count(*) FROM dw.narrow"), "dw.narrow");
    List<List<Object>> target =
        pg.query("SELECT count(*) FROM pg_tables WHERE tablename = 'target'");
    if (!target.equals(List.of(List.of(0L)))) {
      assertEquals(List.of(List.of(0L)), pg.query("SELECT count(*) FROM dw.target"), "dw.target");
    }
    if (c.exitCode() != Ferry.OK) {
      assertNoCommittedFolder(lake);
    }
  }

  private static void assertNoCommittedFolder(Path lake) throws IOException {
    if (!Files.exists(lake)) {
      return;
    }
    try (Stream<Path> files = Files.walk(lake)) {
      List<Path> committed =
          files.filter(f -> f.getFileName().toString().equals("_SUCCESS")).toList();
      assertEquals(List.of(), committed, "committed lake folders");
    }
  }

  /** The case's job file with the placeholders filled, beside no other case's file. */
  private static Path copy(String file, Path lake) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("jobs").resolve(lake.getFileName()));
    Path copy = folder.resolve(file);
    try (InputStream in = resource(file)) {
      if (in == null) {
        return copy;
      }
      Map<String, String> values = new LinkedHashMap<>();
      values.put("@PG_URL@", pg.jdbcUrl());
      values.put("@PG_USER@", pg.user());
      values.put("@PG_PASSWORD@", pg.password());
      values.put("@MARIA_URL@", maria.url());
      values.put("@MARIA_PASSWORD@", maria.password());
      values.put("@LAKE@", TempLake.under(lake));
      values.put("@BLOCKED_LAKE@", TempLake.under(dir.resolve("blocked")) + "/lake");
      values.put("@MODEL@", model.toString());
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var e : values.entrySet()) {
        text = text.replace(e.getKey(), e.getValue());
      }
      Files.writeString(copy, text);
    }
    return copy;
  }

  private static InputStream resource(String file) {
    return BadInputMatrixTest.class.getClassLoader().getResourceAsStream(FOLDER + file);
  }

  /** Rows of expectations.tsv: file, command line, exit code, fragments joined by " | ". */
  static List<Case> expectations() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = resource("expectations.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        assertEquals(4, cells.length, "four tab-separated cells: " + line);
        cases.add(
            new Case(
                cells[0],
                Arrays.asList(cells[1].split(" ")),
                Integer.parseInt(cells[2]),
                Arrays.asList(cells[3].split(" \\| "))));
      }
    }
    return cases;
  }
}
