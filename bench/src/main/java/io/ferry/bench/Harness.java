package io.ferry.bench;

import static java.util.Objects.requireNonNull;

import io.ferry.bench.data.Shape;
import io.ferry.bench.measure.InProcess;
import io.ferry.bench.measure.PostgresCpu;
import io.ferry.bench.measure.ProcessTimer;
import io.ferry.bench.measure.Way;
import io.ferry.engine.run.RunRequest;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresServer;
import io.ferry.testkit.SharedSpark;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * What every comparison works with: the options, the checkout, one embedded PostgreSQL database
 * (source and warehouse alike), the process timer, the commands of the cold ways, the job files,
 * and a SparkSession in this JVM for the warm figures.
 */
public final class Harness {
  private final BenchOptions options;
  private final Path root;
  private final Path work;
  private final PostgresDatabase db;
  private final ProcessTimer timer;
  private final Programs programs;
  private final FerryJobs jobs;
  private final PostgresCpu serverCpu;
  private final Set<String> tables = new HashSet<>();
  private final long started = System.nanoTime();

  Harness(BenchOptions options, Path root, Path work, PostgresServer server) throws Exception {
    this.options = requireNonNull(options, "options");
    this.root = requireNonNull(root, "root");
    this.work = requireNonNull(work, "work");
    this.db = server.createDatabase("bench");
    this.serverCpu = PostgresCpu.of(server);
    this.timer = new ProcessTimer(work.resolve("logs"), options.timeout(), serverCpu);
    this.programs =
        new Programs(
            root,
            db,
            options.profile() ? Optional.of(work.resolve("profiles")) : Optional.empty(),
            options.jvmFlags());
    this.jobs = new FerryJobs(work.resolve("jobs"), work.resolve("lake"), db);
  }

  public BenchOptions options() {
    return options;
  }

  public Path root() {
    return root;
  }

  /** Scratch space for this run (jobs, lake, logs, COPY files); emptied at the start. */
  public Path work() {
    return work;
  }

  public PostgresDatabase db() {
    return db;
  }

  public ProcessTimer timer() {
    return timer;
  }

  public Programs programs() {
    return programs;
  }

  public FerryJobs jobs() {
    return jobs;
  }

  /** PostgreSQL's CPU so far (milliseconds), for warm runs' figures. */
  public PostgresCpu serverCpu() {
    return serverCpu;
  }

  /**
   * A Ferry run of {@code job} for a cold way: {@code bin/ferry run} as its own process, or in a
   * smoke run ({@code --smoke}) the same job in this JVM ({@link #warmFerry}); the run report is
   * checked either way.
   */
  public Way.Trial ferry(Path job, String stage, OptionalLong rows) {
    return options.smoke()
        ? warmFerry(job, stage, rows)
        : jobs.run(timer, programs, job, stage, rows);
  }

  /**
   * A hand-written program for a cold way: {@code cold}, its own JVM, or in a smoke run {@code
   * inProcess}, the same program's work in this JVM's SparkSession.
   */
  public Way.Trial handWritten(Way.Trial cold, InProcess.Work inProcess) {
    return options.smoke() ? InProcess.trial(serverCpu, inProcess) : cold;
  }

  /** Untimed rounds before warm figures are taken: one, none in a smoke run. */
  public int warmUpRounds() {
    return options.smoke() ? 0 : 1;
  }

  /**
   * A warm trial of a Ferry job: run in this JVM's SparkSession through the same job file (the
   * password given as an override instead of the environment), then its report checked.
   */
  public Way.Trial warmFerry(Path job, String stage, OptionalLong rows) {
    String name = job.getFileName().toString().replaceAll("\\.conf$", "");
    Way.Trial run =
        InProcess.trial(
            serverCpu,
            runName ->
                JobHarness.fromFile(job)
                    .set("connections.src.password", db.password())
                    .set("connections.wh.password", db.password())
                    .run(
                        warmSpark(), new RunRequest(Optional.of(runName), OptionalDouble.empty())));
    return runName -> jobs.withReport(run.run(runName), name, runName, stage, rows);
  }

  /** The harness JVM's SparkSession, for warm in-process figures (local[2], UTC). */
  public SparkSession warmSpark() {
    return SharedSpark.session();
  }

  /**
   * The table of a shape and size, generated on first use (untimed) with autovacuum off, so no
   * background worker runs during a measurement.
   */
  public String table(Shape shape, long nominalRows) {
    String table = shape.table(nominalRows);
    if (tables.add(table)) {
      long t0 = System.nanoTime();
      db.execute(shape.create(nominalRows).toArray(String[]::new));
      db.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
      log(
          String.format(
              Locale.ROOT,
              "generated %s (%,d rows) in %.1f s",
              table,
              shape.rows(nominalRows),
              (System.nanoTime() - t0) / 1e9));
    }
    return table;
  }

  /** A progress line on standard error, with the time since the harness started. */
  public void log(String message) {
    System.err.printf(
        Locale.ROOT, "bench [%5.0f s] %s%n", (System.nanoTime() - started) / 1e9, message);
  }
}
