package io.ferry.launcher.export;

import com.typesafe.config.Config;
import io.ferry.core.secret.Redactor;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.launcher.Ferry;
import io.ferry.launcher.JobInputs;
import io.ferry.launcher.JobOptions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry export JOB --to TARGET [--env NAME] [--set k=v]... [--run-date YYYY-MM-DD]}: prints
 * a scheduler definition that runs the job on AWS, built from the job and its {@code deploy { ...
 * }} block (see {@link DeploySpec}). Validates the whole job first, like {@code ferry validate};
 * never starts Spark.
 *
 * <p>{@code --env} and {@code --set} apply before the export. {@code --set} values other than
 * {@code deploy.*} are passed on to the exported {@code ferry run}; a {@code --set} of a secret is
 * refused, so the export holds only references (environment variables, Secrets Manager ids) that
 * the job and env files already carry, never a secret value.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Print a scheduler definition that runs the job on AWS: an Airflow DAG, a Step Functions"
            + " state machine, an EMR Serverless StartJobRun or EMR AddJobFlowSteps request, or a"
            + " Data Pipeline definition. Exit 0, or 2 with every problem listed.")
public final class ExportCommand implements Callable<Integer> {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|private[-_]?key).*");

  @Mixin JobOptions job = new JobOptions();

  @Option(
      names = "--to",
      required = true,
      paramLabel = "TARGET",
      description =
          "airflow, airflow-serverless, step-functions, step-functions-serverless, emr-serverless,"
              + " emr-step or data-pipeline.")
  String to;

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description =
          "The run date of a one-off request (emr-serverless, emr-step): its run id and client"
              + " token. Default: today (UTC).")
  String runDate;

  @Spec CommandSpec spec;

  private final Clock clock;

  public ExportCommand() {
    this(Clock.systemUTC());
  }

  ExportCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ExportTarget target =
        ExportTarget.byId(to)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--to '"
                            + to
                            + "' is not a target; use one of "
                            + String.join(", ", ExportTarget.ids())));
    LocalDate date = runDate();
    JobInputs inputs = job.read();
    JobSpec jobSpec = inputs.validate(StageRegistry.load());
    List<String> sets = forwardedSets(inputs.sets());
    DeploySpec deploy =
        DeploySpec.read(deployView(inputs), inputs.job().name(), inputs.envName(), target);
    FerryInvocation ferry = FerryInvocation.of(deploy, sets);
    List<Problem> problems = new ArrayList<>();
    for (String message : target.limitProblems(deploy, ferry)) {
      problems.add(Problem.at(deploy.origin(), "deploy", message));
    }
    if (!problems.isEmpty()) {
      throw new InvalidJobException(problems);
    }
    String export = target.render(new ExportJob(jobSpec.name(), deploy, ferry, date));
    if (!Redactor.global().redact(export).equals(export)) {
      throw new IllegalArgumentException(
          "the export would hold a secret value or a credential-shaped setting (e.g. a password"
              + " in deploy.spark-conf or --set); keep secrets in the env file as { env = NAME }"
              + " or { secrets-manager = ID } references. Nothing was printed");
    }
    spec.commandLine().getOut().print(export);
    spec.commandLine().getOut().flush();
    target.note().ifPresent(n -> spec.commandLine().getErr().println(n));
    return Ferry.OK;
  }

  private LocalDate runDate() {
    if (runDate == null) {
      return LocalDate.now(clock);
    }
    try {
      return LocalDate.parse(runDate);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--run-date expects a date YYYY-MM-DD, found '" + runDate + "'");
    }
  }

  /**
   * The job resolved with the env file's keys over the job file's, the order the deploy block takes
   * (the run itself takes the job's over the env file's): the env file is read as the job, the job
   * file as its fallback.
   */
  private static Config deployView(JobInputs inputs) {
    Optional<JobSource> env = inputs.env();
    if (env.isEmpty()) {
      return JobLoader.load(inputs.job(), Optional.empty(), inputs.sets());
    }
    return JobLoader.load(env.get(), Optional.of(inputs.job()), inputs.sets());
  }

  /** The {@code --set} pairs the exported run gets: all but deploy.*, never a secret. */
  private static List<String> forwardedSets(Map<String, String> sets) {
    List<String> out = new ArrayList<>();
    for (var entry : sets.entrySet()) {
      String key = entry.getKey();
      if (key.equals("deploy") || key.startsWith("deploy.")) {
        continue;
      }
      for (String part : key.split("\\.")) {
        if (SECRET_KEY.matcher(part).matches()) {
          throw new IllegalArgumentException(
              "--set "
                  + key
                  + " sets a secret, which an export would write in clear; set it in the env file"
                  + " as { env = NAME } or { secrets-manager = ID } instead");
        }
      }
      out.add(key + "=" + entry.getValue());
    }
    return out;
  }
}
