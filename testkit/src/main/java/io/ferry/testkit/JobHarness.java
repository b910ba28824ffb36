package io.ferry.testkit;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.ferry.core.option.OptionValues;
import io.ferry.core.stage.StageFactory;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.run.PipelineRunner;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.engine.stage.StageRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a Ferry job from HOCON text the way the launcher does: load (env overlay, {@code --set}
 * overrides, substitutions), validate every stage, then run the stages with core's {@link
 * PipelineRunner} on a given SparkSession. Immutable: every {@code with...} method returns a new
 * harness.
 *
 * <pre>{@code
 * RunReport report =
 *     JobHarness.fromHocon("""
 *         job.name = orders
 *         lake.root = "%s"
 *         stages = [ { name = src, type = my-stage, rows = 3 } ]
 *         """.formatted(TempLake.under(tmp)))
 *         .set("params.run_date", "2026-11-23")
 *         .run(spark);
 * }</pre>
 *
 * Problems are located in {@value #JOB_SOURCE} (or the file given to {@link #fromFile}) and {@value
 * #ENV_SOURCE}.
 */
public final class JobHarness {
  /** The name problems give job text passed to {@link #fromHocon}. */
  public static final String JOB_SOURCE = "test-job.conf";

  /** The name problems give the environment text. */
  public static final String ENV_SOURCE = "test-env.conf";

  private final JobSource job;
  private final Optional<String> env;
  private final Map<String, String> overrides;
  private final Optional<StageRegistry> registry;

  private JobHarness(
      JobSource job,
      Optional<String> env,
      Map<String, String> overrides,
      Optional<StageRegistry> registry) {
    this.job = job;
    this.env = env;
    this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    this.registry = registry;
  }

  /** A harness for a job written as HOCON text. */
  public static JobHarness fromHocon(String hocon) {
    return new JobHarness(
        new JobSource(JOB_SOURCE, Optional.empty(), requireNonNull(hocon, "hocon")),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  /**
   * A harness for a job file, e.g. one of {@code conf/jobs}. Problems name the file as given, and
   * relative paths in the job (such as {@code sql-file}) resolve against its folder.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static JobHarness fromFile(Path file) {
    requireNonNull(file, "file");
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return new JobHarness(
          new JobSource(file.toString(), Optional.of(file.toString()), text),
          Optional.empty(),
          Map.of(),
          Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read job file " + file.toAbsolutePath(), e);
    }
  }

  /**
   * The validated options of one stage of {@code factory}'s type written as HOCON, for testing a
   * factory's {@code transform} or {@code create} without a whole job: the options are read and
   * checked exactly as {@code ferry validate} would.
   *
   * @throws InvalidJobException listing every problem of the options
   */
  public static OptionValues options(StageFactory factory, String hocon) {
    requireNonNull(factory, "factory");
    String job =
        """
        job { name = options }
        lake { root = "file:///nonexistent/ferry-options" }
        stages = [ { name = stage, type = "%s"
        %s
        } ]
        """
            .formatted(factory.type(), requireNonNull(hocon, "hocon"));
    return fromHocon(job).registry(StageRegistry.of(factory)).validate().stages().get(0).options();
  }

  /** Adds an environment file's text, the lowest layer (as {@code --env}). */
  public JobHarness withEnv(String hocon) {
    return new JobHarness(job, Optional.of(requireNonNull(hocon, "hocon")), overrides, registry);
  }

  /** Adds a {@code --set key=value} override, the highest layer; the value is a string. */
  public JobHarness set(String key, String value) {
    Map<String, String> next = new LinkedHashMap<>(overrides);
    next.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
    return new JobHarness(job, env, next, registry);
  }

  /**
   * The stage types to validate and run with; default {@link StageRegistry#load()}, every factory
   * registered on the test classpath.
   */
  public JobHarness registry(StageRegistry stageRegistry) {
    return new JobHarness(
        job, env, overrides, Optional.of(requireNonNull(stageRegistry, "stageRegistry")));
  }

  /**
   * Loads and validates the job without Spark.
   *
   * @throws InvalidJobException listing every problem, as {@code ferry validate} would
   */
  public JobSpec validate() {
    Config resolved =
        JobLoader.load(
            job, env.map(e -> new JobSource(ENV_SOURCE, Optional.empty(), e)), overrides);
    return JobValidator.validate(resolved, job, stageRegistry());
  }

  /** Validates and runs the job with a generated run id. */
  public RunReport run(SparkSession spark) {
    return run(spark, RunRequest.defaults());
  }

  /**
   * Validates and runs the job. A failing stage does not throw: the report says {@code FAILED},
   * with the error; the report is also written to {@code <lake>/_runs/<job>/<run-id>/report.json}.
   *
   * @throws InvalidJobException when the job does not validate
   */
  public RunReport run(SparkSession spark, RunRequest request) {
    requireNonNull(spark, "spark");
    requireNonNull(request, "request");
    JobSpec spec = validate();
    return new PipelineRunner(stageRegistry()).run(spec, request, spark);
  }

  /**
   * Runs the job and insists that it succeeded.
   *
   * @throws AssertionError naming the failed stages and their errors when the run failed
   */
  public RunReport runSuccessfully(SparkSession spark) {
    RunReport report = run(spark);
    if (report.status() != RunReport.Status.SUCCEEDED) {
      String failures =
          report.stages().stream()
              .filter(s -> s.status() == StageReport.Status.FAILED)
              .map(s -> "  stage '" + s.name() + "': " + s.error().orElse("(no message)"))
              .collect(Collectors.joining("\n"));
      throw new AssertionError(
          "job '" + report.job() + "' run " + report.runId() + " failed:\n" + failures);
    }
    return report;
  }

  private StageRegistry stageRegistry() {
    return registry.orElseGet(StageRegistry::load);
  }
}
