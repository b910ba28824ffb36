package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's stage jar, compiled here against ferry-core alone, joins the launcher's classpath the
 * way {@code bin/ferry --jars} and {@code FERRY_JARS} append it: {@code ferry stages} then lists
 * its type and options.
 */
class StageJarsTest {
  private static final String FACTORY =
      """
      package com.acme.ferry;

      import io.ferry.core.option.OptionValues;
      import io.ferry.core.option.StageOption;
      import io.ferry.core.stage.TransformStageFactory;
      import java.util.List;
      import org.apache.spark.sql.Dataset;
      import org.apache.spark.sql.Row;

      public final class TrimFactory implements TransformStageFactory {
        static final StageOption<String> COLUMN =
            StageOption.string("column", "The column to trim.").required();

        @Override public String type() { return "trim"; }
        @Override public String description() { return "Trims one text column."; }
        @Override public List<StageOption<?>> options() { return List.of(COLUMN); }

        @Override
        public Dataset<Row> transform(Dataset<Row> input, OptionValues options) {
          String c = options.get(COLUMN);
          return input.withColumn(c, org.apache.spark.sql.functions.trim(input.col(c)));
        }
      }
      """;

  private static Path stageJar(Path dir) throws IOException {
    Path source = dir.resolve("src/com/acme/ferry/TrimFactory.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, FACTORY);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                source.toString());
    assertEquals(0, compiled, "the team's factory did not compile");
    Path jar = dir.resolve("trim-stage.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(
          out,
          "com/acme/ferry/TrimFactory.class",
          classes.resolve("com/acme/ferry/TrimFactory.class"));
      out.putNextEntry(new JarEntry("META-INF/services/io.ferry.core.stage.StageFactory"));
      out.write("com.acme.ferry.TrimFactory\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static void add(JarOutputStream out, String name, Path file) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(Files.readAllBytes(file));
    out.closeEntry();
  }

  @Test
  void stagesListsTheTypeOfAJarAppendedToTheClasspath(@TempDir Path dir) throws IOException {
    Path jar = stageJar(dir);

    CliProcess.Result result =
        CliProcess.ferry(
            List.of(), jar, CliProcess.verboseLogging(dir), Map.of(), "stages", "trim");

    assertEquals(0, result.exitCode(), result::output);
    assertTrue(
        result.output().contains("trim - Trims one text column.")
            && result.output().contains("column (string, required)  The column to trim."),
        result::output);
  }

  @Test
  void withoutTheJarTheTypeIsUnknown(@TempDir Path dir) throws IOException {
    CliProcess.Result result =
        CliProcess.ferry(CliProcess.verboseLogging(dir), Map.of(), "stages", "trim");

    assertEquals(2, result.exitCode(), result::output);
    assertTrue(result.output().contains("unknown stage type 'trim'"), result::output);
  }
}
