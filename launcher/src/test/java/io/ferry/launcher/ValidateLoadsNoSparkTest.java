package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry validate} loads no Spark class (nor Scala's), so it answers in well under a second;
 * {@code --full} loads Spark's parser for the checks that need it. Checked on the class-loading log
 * of a fresh JVM, not on a timing: the time is measured by {@code bench/run validate}.
 */
class ValidateLoadsNoSparkTest {
  private static final Pattern LOADED =
      Pattern.compile("\\[class,load\\] ((org\\.apache\\.spark|scala)\\.\\S+)");

  private static CliProcess.Result validateDemo(Path dir, String... flags) throws IOException {
    Path demo = Path.of(System.getProperty("ferry.project.root", ".."), "conf/jobs/demo.conf");
    List<String> args = new ArrayList<>(List.of("validate", demo.toString()));
    args.addAll(List.of("--env", "local"));
    args.addAll(List.of(flags));
    return CliProcess.ferry(
        List.of("-Xlog:class+load=info:stdout"),
        CliProcess.verboseLogging(dir),
        Map.of(),
        args.toArray(String[]::new));
  }

  private static List<String> sparkAndScalaClasses(String log) {
    Matcher m = LOADED.matcher(log);
    List<String> classes = new ArrayList<>();
    while (m.find()) {
      classes.add(m.group(1));
    }
    return classes;
  }

  @Test
  void validateOfTheDemoJobLoadsNoSparkOrScalaClass(@TempDir Path dir) throws IOException {
    CliProcess.Result result = validateDemo(dir);

    assertEquals(0, result.exitCode(), result::output);
    assertTrue(result.output().contains("OK: job 'demo' ("), result::output);
    assertEquals(List.of(), sparkAndScalaClasses(result.output()));
  }

  @Test
  void onlyValidateFullReportsASqlSyntaxError(@TempDir Path dir) throws IOException {
    Path job = dir.resolve("typo.conf");
    java.nio.file.Files.writeString(
        job,
        """
        job.name = typo
        lake.root = "file:///tmp/ferry-typo"
        stages = [
          { name = picked, type = sql, sql = "SELECT id FORM orders" }
        ]
        """);
    Path log4j = CliProcess.verboseLogging(dir);

    CliProcess.Result quick = CliProcess.ferry(log4j, Map.of(), "validate", job.toString());
    CliProcess.Result full =
        CliProcess.ferry(log4j, Map.of(), "validate", job.toString(), "--full");

    assertEquals(0, quick.exitCode(), quick::output);
    assertEquals(2, full.exitCode(), full::output);
    assertTrue(
        full.output().contains(job + ":4: stages[0].sql: [PARSE_SYNTAX_ERROR]"), full::output);
  }

  @Test
  void validateFullLoadsSparksParserForTheSqlChecks(@TempDir Path dir) throws IOException {
    CliProcess.Result result = validateDemo(dir, "--full");

    assertEquals(0, result.exitCode(), result::output);
    assertTrue(
        sparkAndScalaClasses(result.output())
            .contains("org.apache.spark.sql.execution.SparkSqlParser"),
        "the --full run loaded no SparkSqlParser");
  }
}
