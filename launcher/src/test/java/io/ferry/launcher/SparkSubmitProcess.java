package io.ferry.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code spark-submit} as EMR does: Spark's own {@code org.apache.spark.deploy.SparkSubmit} in
 * a JVM whose classpath is Spark's runtime only (Spark, Hadoop, the AWS SDK and their dependencies,
 * as the build lists them in {@code target/spark-runtime.classpath}), the app jar as the
 * application. Ferry's classes reach the driver and the executors from the app jar alone.
 *
 * <p>For {@code local-cluster[N,C,M]} masters Spark starts N worker JVMs that launch executors from
 * {@code $SPARK_HOME/jars}: this class builds such a SPARK_HOME under {@code target/spark-home}
 * with links to the same runtime jars. The submitting JVM's output goes to {@code
 * target/cluster-logs/<name>.log}; executors' logs stay in {@code target/spark-home/work}.
 *
 * <p>The build sets the system properties {@value #APP_JAR}, {@value #SPARK_CLASSPATH} and {@value
 * #STAGE_EXAMPLE_JAR} for the surefire execution {@code cluster}, which runs after {@code package}.
 */
final class SparkSubmitProcess {
  static final String APP_JAR = "ferry.app.jar";
  static final String SPARK_CLASSPATH = "ferry.spark.classpath";
  static final String STAGE_EXAMPLE_JAR = "ferry.stage-example.jar";
  static final String CLUSTER = "local-cluster[2,1,1024]";
  static final String LOCAL = "local[2]";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** A finished submission: exit code, the driver's stdout and stderr, and wall time. */
  record Result(int exitCode, String output, Duration wallTime) {}

  private SparkSubmitProcess() {}

  static Path appJar() {
    return existing(APP_JAR);
  }

  static Path stageExampleJar() {
    return existing(STAGE_EXAMPLE_JAR);
  }

  /** Spark's runtime classpath, as the build resolved it: no Ferry class on it. */
  static List<Path> sparkRuntime() {
    try {
      String text = Files.readString(existing(SPARK_CLASSPATH)).trim();
      return Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A submission still running: its JVM, whose descendants are the workers and executors. */
  record Running(String name, Process process, Path log, long startNanos) {
    /** Waits for the submission to end, at most 5 minutes, and returns what it did. */
    Result await() {
      try {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException(
              "spark-submit " + name + " did not finish in " + TIMEOUT + "; see " + log);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), wall);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Submits the app jar with {@code ferryArgs} (e.g. {@code run JOB --env local}) and waits for it.
   *
   * @param name names the log file
   * @param master {@link #LOCAL} or {@link #CLUSTER}
   * @param jars extra jars for {@code --jars}, none when empty
   * @param env environment variables of the submitting JVM (job settings such as passwords)
   */
  static Result submit(
      String name, String master, List<Path> jars, Map<String, String> env, String... ferryArgs) {
    return start(name, master, jars, env, ferryArgs).await();
  }

  /** As {@link #submit}, without waiting: the caller {@linkplain Running#await awaits} it. */
  static Running start(
      String name, String master, List<Path> jars, Map<String, String> env, String... ferryArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "-Dfile.encoding=UTF-8",
            "-Dlog4j2.configurationFile=" + projectRoot().resolve("conf/log4j2.properties")));
    command.addAll(CliProcess.ADD_OPENS);
    command.addAll(List.of("-cp", classpath(), "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(List.of("--master", master, "--class", Ferry.class.getName()));
    command.addAll(
        List.of(
            "--conf", "spark.driver.host=127.0.0.1",
            "--conf", "spark.driver.bindAddress=127.0.0.1",
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.ui.showConsoleProgress=false",
            "--conf", "spark.executor.memory=768m"));
    if (!jars.isEmpty()) {
      command.add("--jars");
      command.add(String.join(",", jars.stream().map(Path::toString).toList()));
    }
    command.add(appJar().toString());
    command.addAll(List.of(ferryArgs));
    try {
      Path logs = Files.createDirectories(target().resolve("cluster-logs"));
      Path log = logs.resolve(name + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .directory(target().toFile());
      pb.environment().put("SPARK_HOME", sparkHome().toString());
      pb.environment()
          .put("SPARK_SCALA_VERSION", System.getProperty("ferry.scala.binary.version", "2.12"));
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      pb.environment().putAll(env);
      long start = System.nanoTime();
      return new Running(name, pb.start(), log, start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classpath() {
    return String.join(
        java.io.File.pathSeparator, sparkRuntime().stream().map(Path::toString).toList());
  }

  /** {@code target/spark-home/jars}: links to Spark's runtime jars, for local-cluster workers. */
  static synchronized Path sparkHome() throws IOException {
    Path home = target().resolve("spark-home");
    Path jars = home.resolve("jars");
    if (!Files.isDirectory(jars)) {
      Path building = Files.createDirectories(home.resolve("jars.tmp"));
      for (Path jar : sparkRuntime()) {
        Path link = building.resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
      }
      Files.move(building, jars);
    }
    return home;
  }

  static Path projectRoot() {
    return Path.of(System.getProperty("ferry.project.root", "..")).toAbsolutePath().normalize();
  }

  private static Path target() {
    return appJar().getParent();
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.exists(Path.of(value))) {
      throw new IllegalStateException(
          "system property "
              + property
              + " is "
              + value
              + ": these tests need the packaged app jar; run them with the surefire execution"
              + " 'cluster' (./mvnw -B -pl launcher -am verify), not in the 'test' phase");
    }
    return Path.of(value);
  }
}
