package io.ferry.launcher;

import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.run.ConsoleSummary;
import io.ferry.engine.run.PipelineRunner;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.stage.StageRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry demo}: the demo end to end on embedded defaults. An embedded PostgreSQL holds the
 * application database and the local warehouse; the lake is a local folder. The training job
 * ({@value #TRAIN_JOB}) runs first and saves the churn model into the lake, then the demo job
 * ({@value #DEMO_JOB}) scores customers with it before the load. Nothing is downloaded: the model
 * is trained from the demo's own data at demo time.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Train the churn model (conf/jobs/train-churn.conf), then run conf/jobs/demo.conf end to"
            + " end on an embedded PostgreSQL and a local lake.")
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_JOB = "conf/jobs/demo.conf";
  static final String TRAIN_JOB = "conf/jobs/train-churn.conf";
  static final String RESULT_TABLE = "warehouse.customer_revenue";

  @Option(
      names = "--lake",
      description =
          "Lake root (a folder or URI), kept after the run; default: a new temp folder, removed"
              + " when the demo ends.")
  String lake;

  @Option(
      names = "--job",
      description = "The demo job file (default: " + DEMO_JOB + ", else the built-in copy).")
  String job;

  @Option(
      names = "--train-job",
      description =
          "The training job run first (default: " + TRAIN_JOB + ", else the built-in copy).")
  String trainJob;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Extra overrides, as for run.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(
      names = "--keep",
      description = "Keep PostgreSQL running after the run until Enter is pressed.")
  boolean keep;

  @Option(names = "--port", description = "PostgreSQL port (default: a free one).")
  int port;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!DemoDatabase.available()) {
      throw new UsageException(
          "the demo starts an embedded PostgreSQL, which the app jar leaves out to stay small;"
              + " run it from a checkout with bin/ferry demo");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (lake != null) {
      return demo(out, lakeUri(lake));
    }
    Path tempLake = Files.createTempDirectory("ferry-demo-lake");
    try {
      return demo(out, tempLake.toUri().toString());
    } finally {
      deleteTree(tempLake);
    }
  }

  /** The temp lake goes when the demo ends; {@code --lake DIR} keeps one. */
  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private int demo(PrintWriter out, String lakeRoot) throws Exception {
    String jobRef = job != null ? job : bundled(DEMO_JOB);
    String trainRef = trainJob != null ? trainJob : bundled(TRAIN_JOB);
    out.println("Starting an embedded PostgreSQL with the demo's application database...");
    out.flush();
    try (DemoDatabase db = DemoDatabase.start(port)) {
      out.println("Training the churn model with " + trainRef + " into the lake at " + lakeRoot);
      out.flush();
      RunReport training = run(db, trainRef, lakeRoot, sets);
      out.print(ConsoleSummary.render(training));
      if (training.exitCode() != Ferry.OK) {
        return training.exitCode();
      }
      out.println("Running " + jobRef + " with the lake at " + lakeRoot);
      out.flush();
      RunReport report = run(db, jobRef, lakeRoot, sets);
      out.print(ConsoleSummary.render(report));
      if (report.exitCode() == Ferry.OK) {
        showResult(db, out);
      }
      if (keep) {
        out.printf(
            "%nPostgreSQL keeps running on port %d. Query the result with:%n"
                + "  psql -h 127.0.0.1 -p %d -U %s dw -c 'SELECT * FROM %s ORDER BY revenue DESC LIMIT 10'%n"
                + "(the password is in no output; connect as postgres without one: psql -h 127.0.0.1 -p %d -U postgres dw)%n"
                + "Press Enter to stop.%n",
            db.port(), db.port(), DemoDatabase.DW_USER, RESULT_TABLE, db.port());
        out.flush();
        System.in.read();
      }
      return report.exitCode();
    }
  }

  private static String bundled(String job) {
    return Files.isRegularFile(Path.of(job)) ? job : JobFiles.CLASSPATH + job;
  }

  /**
   * Runs the training job and then the demo job against {@code db} in one lake.
   *
   * @return the demo job's report, or the training job's when training failed
   */
  static RunReport runDemo(
      DemoDatabase db, String trainRef, String jobRef, String lakeRoot, Map<String, String> sets) {
    RunReport training = run(db, trainRef, lakeRoot, sets);
    if (training.exitCode() != Ferry.OK) {
      return training;
    }
    return run(db, jobRef, lakeRoot, sets);
  }

  /** Runs one job against {@code db}; the connections and lake root are filled in. */
  static RunReport run(DemoDatabase db, String jobRef, String lakeRoot, Map<String, String> sets) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("lake.root", lakeRoot);
    overrides.put("connections.app.url", db.url("app"));
    overrides.put("connections.app.user", DemoDatabase.APP_USER);
    overrides.put("connections.app.password", db.appPassword());
    overrides.put("connections.warehouse.url", db.url("dw"));
    overrides.put("connections.warehouse.user", DemoDatabase.DW_USER);
    overrides.put("connections.warehouse.password", db.dwPassword());
    overrides.putAll(sets);
    StageRegistry registry = StageRegistry.load();
    JobSource source = JobFiles.read(jobRef);
    JobSpec jobSpec =
        JobValidator.validate(
            JobLoader.load(source, Optional.empty(), overrides), source, registry);
    SparkSession spark = SparkSessions.getOrCreate(jobSpec, Optional.empty());
    return new PipelineRunner(registry).run(jobSpec, RunRequest.defaults(), spark);
  }

  private static void showResult(DemoDatabase db, PrintWriter out) throws SQLException {
    try (Connection c = db.connectWarehouse();
        Statement s = c.createStatement();
        ResultSet count = s.executeQuery("SELECT count(*), sum(revenue) FROM " + RESULT_TABLE)) {
      count.next();
      out.printf(
          "%nThe warehouse table %s now holds %d rows (total revenue %s). The top five:%n",
          RESULT_TABLE, count.getLong(1), count.getBigDecimal(2));
    }
    String query =
        "SELECT customer_id, name, country, orders, revenue, churn_propensity FROM "
            + RESULT_TABLE
            + " ORDER BY revenue DESC, customer_id LIMIT 5";
    try (Connection c = db.connectWarehouse();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      out.printf("  %s%n", query);
      out.printf(
          "  %-11s %-14s %-7s %6s %12s %16s%n",
          "customer_id", "name", "country", "orders", "revenue", "churn_propensity");
      while (rs.next()) {
        out.printf(
            "  %-11d %-14s %-7s %6d %12s %16.4f%n",
            rs.getInt(1),
            rs.getString(2),
            rs.getString(3),
            rs.getLong(4),
            rs.getBigDecimal(5),
            rs.getDouble(6));
      }
    }
    out.println("\nRun 'bin/ferry demo --keep' to keep the database up and query it yourself.");
    out.flush();
  }

  private static String lakeUri(String lake) {
    if (lake.contains("://")) {
      return lake;
    }
    try {
      Path dir = Files.createDirectories(Path.of(lake).toAbsolutePath());
      return dir.toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the lake folder " + lake, e);
    }
  }
}
