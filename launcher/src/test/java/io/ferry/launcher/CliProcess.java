package io.ferry.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the launcher as its own JVM, as bin/ferry and spark-submit do, capturing all output. */
final class CliProcess {
  record Result(int exitCode, String output) {}

  /** The JVM options Spark 3.5 needs on Java 17 (DESIGN.md), as bin/ferry passes them. */
  static final List<String> ADD_OPENS =
      java.util.stream.Stream.of(
              "java.lang",
              "java.lang.invoke",
              "java.nio",
              "java.util",
              "java.util.concurrent",
              "java.net",
              "java.io",
              "sun.nio.ch",
              "sun.util.calendar")
          .map(pkg -> "--add-opens=java.base/" + pkg + "=ALL-UNNAMED")
          .toList();

  private CliProcess() {}

  static Result ferry(Path log4jConfig, Map<String, String> env, String... args) {
    return ferry(List.of(), log4jConfig, env, args);
  }

  /** As {@link #ferry(Path, Map, String...)}, with JVM options of its own. */
  static Result ferry(
      List<String> jvmOptions, Path log4jConfig, Map<String, String> env, String... args) {
    return ferry(jvmOptions, null, log4jConfig, env, args);
  }

  /**
   * As {@link #ferry(List, Path, Map, String...)}, with a team's stage jar after the launcher's
   * classpath, where bin/ferry's {@code --jars} puts it; {@code null} for none.
   */
  static Result ferry(
      List<String> jvmOptions,
      Path stageJar,
      Path log4jConfig,
      Map<String, String> env,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(jvmOptions);
    command.add("-Duser.timezone=UTC");
    command.add("-Dlog4j2.configurationFile=" + log4jConfig);
    command.addAll(ADD_OPENS);
    command.add("-cp");
    command.add(
        System.getProperty("java.class.path")
            + (stageJar == null ? "" : java.io.File.pathSeparator + stageJar));
    command.add(Ferry.class.getName());
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      Path output = Files.createTempFile("ferry-cli", ".log");
      pb.redirectOutput(output.toFile());
      Process process = pb.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "ferry " + String.join(" ", args) + " did not finish in 5 minutes");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      return new Result(process.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A log4j config that logs Spark at INFO to the console, so a started SparkContext shows. */
  static Path verboseLogging(Path dir) throws IOException {
    Path file = dir.resolve("log4j2-verbose.properties");
    Files.writeString(
        file,
        """
        rootLogger.level = info
        rootLogger.appenderRef.stdout.ref = console
        appender.console.type = Console
        appender.console.name = console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = %-5p %c{1}: %m%n
        """);
    return file;
  }
}
