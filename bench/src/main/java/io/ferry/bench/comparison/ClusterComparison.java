package io.ferry.bench.comparison;

import io.ferry.bench.Harness;
import io.ferry.bench.Programs;
import io.ferry.bench.data.Shape;
import io.ferry.bench.measure.Command;
import io.ferry.bench.measure.Rounds;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayRuns;
import io.ferry.bench.report.Ratio;
import io.ferry.bench.report.RunsTable;
import io.ferry.bench.report.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Comparison (7): the same ingest job submitted with the app jar the way {@code spark-submit} runs
 * it on EMR, once with master {@code local[2]} and once with {@code local-cluster[2,1,1024]} (two
 * real executor JVMs). Runs only when {@code launcher/target/ferry-launcher-<version>.jar} is the
 * app jar (it holds the stage modules), or {@code --app-jar} names one; otherwise the section says
 * so.
 */
public final class ClusterComparison implements Comparison {
  private static final String STAGE_CLASS = "io/ferry/ingest/jdbc/JdbcIngestFactory.class";

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public Section run(Harness h) throws Exception {
    Optional<Path> appJar =
        h.options().appJar().isPresent()
            ? h.options().appJar()
            : appJar(h.root().resolve("launcher/target"));
    String title = "(7) local-cluster vs local mode (the app jar under SparkSubmit)";
    if (appJar.isEmpty()) {
      return new Section(
          name(),
          title,
          """
          **Not run: there is no app jar.** This comparison needs \
          `launcher/target/ferry-launcher-<version>.jar` to be the application jar that \
          `spark-submit` takes (holding the stage modules, e.g. `%s`); this checkout has none. \
          Build it (`./mvnw -pl launcher -am -DskipTests package` once the launcher makes it) \
          and run `bench/run cluster` or `bench/run all` again, or name one with `--app-jar`.
          """
              .formatted(STAGE_CLASS),
          List.of());
    }
    long rows = Shape.MIXED.rows(h.options().rows());
    String table = h.table(Shape.MIXED, h.options().rows());
    Path job = IngestComparison.job(h, "cluster_ingest", table, "");
    Path sparkHome = sparkHome(h);
    List<Way> ways = new ArrayList<>();
    // A smoke run submits once, in local mode: the command line and the report are what it proves;
    // the launcher's own cluster tests run the app jar on local-cluster.
    List<String> masters =
        h.options().smoke() ? List.of("local[2]") : List.of("local[2]", "local-cluster[2,1,1024]");
    for (String master : masters) {
      Command submit = submit(h.programs(), sparkHome, appJar.get(), master, job);
      ways.add(
          Way.of(
              master.startsWith("local-cluster") ? "local-cluster" : "local",
              "SparkSubmit `--master " + master + "` of the app jar, ingest job",
              runName ->
                  h.jobs()
                      .withReport(
                          h.timer().run(runName, withRunId(submit, runName)),
                          "cluster_ingest",
                          runName,
                          "rows",
                          OptionalLong.of(rows))));
    }
    Map<String, WayRuns> runs = Rounds.alternate("cluster", ways, h.options().rounds());
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            """
            The app jar `%s` submitted with `org.apache.spark.deploy.SparkSubmit` (Spark's \
            classpath as `SPARK_HOME/jars`), running the mixed table's ingest job (%,d rows). \
            Peak RSS is the largest single process's (the driver's or one executor's), not their \
            sum.

            """,
            appJar.get().startsWith(h.root()) ? h.root().relativize(appJar.get()) : appJar.get(),
            rows));
    md.append(RunsTable.cold(runs.values())).append('\n');
    List<Ratio> ratios =
        h.options().smoke()
            ? List.of()
            : List.of(
                Ratio.of(
                    "local-cluster[2,1,1024] ÷ local[2], whole run",
                    runs.get("local-cluster").wallSeconds(),
                    runs.get("local").wallSeconds()));
    md.append(RunsTable.ratios(ratios)).append('\n');
    return new Section(name(), title, md.toString(), ratios);
  }

  /** The launcher's jar when it is the app jar: it holds a stage module's classes. */
  static Optional<Path> appJar(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      for (Path jar :
          files
              .filter(
                  p -> p.getFileName().toString().matches("ferry-launcher-[^-]+(-SNAPSHOT)?\\.jar"))
              .toList()) {
        try (JarFile j = new JarFile(jar.toFile())) {
          if (j.getEntry(STAGE_CLASS) != null) {
            return Optional.of(jar);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A SPARK_HOME whose jars/ links every third-party jar of the harness's classpath. */
  private static Path sparkHome(Harness h) throws IOException {
    Path jars = h.work().resolve("spark-home/jars");
    Files.createDirectories(jars);
    for (String entry : h.programs().classpath().split(":")) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && !jar.startsWith(h.root()) && Files.exists(jar)) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar);
        }
      }
    }
    return jars.getParent();
  }

  private static Command submit(
      Programs programs, Path sparkHome, Path appJar, String master, Path job) {
    List<String> args = new ArrayList<>(programs.jvm());
    args.set(args.size() - 1, sparkHome.resolve("jars") + "/*");
    args.add("org.apache.spark.deploy.SparkSubmit");
    args.addAll(List.of("--master", master, "--conf", "spark.ui.enabled=false"));
    args.addAll(
        List.of(
            "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", Programs.jvmFlags())));
    args.addAll(List.of("--class", "io.ferry.launcher.Ferry", appJar.toString()));
    args.addAll(List.of("run", job.toString()));
    Map<String, String> env = new HashMap<>(programs.env());
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    return Command.of(args, env);
  }

  private static Command withRunId(Command submit, String runId) {
    List<String> args = new ArrayList<>(submit.args());
    args.addAll(List.of("--run-id", runId));
    return Command.of(args, submit.env());
  }
}
