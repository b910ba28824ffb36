package io.ferry.launcher;

import io.ferry.core.secret.Redactor;
import io.ferry.engine.ConfigurationException;
import io.ferry.engine.job.InvalidJobException;
import java.io.PrintWriter;
import java.util.TimeZone;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferry} command and the main class for {@code spark-submit --class
 * io.ferry.launcher.Ferry}. Exit codes: 0 success, 1 a stage failed, 2 bad config or usage.
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = FerryVersion.class,
    description = "Spark batch pipelines on AWS: JDBC ingest, transforms, models, Redshift loads.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      io.ferry.launcher.check.CheckCommand.class,
      StagesCommand.class,
      DemoCommand.class,
      CleanCommand.class,
      SqoopConvertCommand.class,
      io.ferry.launcher.export.ExportCommand.class
    })
public final class Ferry {
  public static final int OK = 0;
  public static final int STAGE_FAILED = 1;
  public static final int BAD_CONFIG = 2;

  private Ferry() {}

  public static void main(String[] args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    SparkSessions.stopStarted();
    // A CLI's exit code is its contract with schedulers (EMR steps, Airflow): exit explicitly.
    System.exit(code);
  }

  /** Runs a command without exiting or stopping Spark; for tests and embedding. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Ferry());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InvalidJobException invalid) {
            err.println(invalid.getMessage());
            err.println("Nothing ran. Fix the problems above and run again.");
            return BAD_CONFIG;
          }
          if (e instanceof UsageException
              || e instanceof ConfigurationException
              || e instanceof IllegalArgumentException) {
            err.println("ferry: " + Redactor.global().redact(e.getMessage()));
            return BAD_CONFIG;
          }
          err.println("ferry: " + Redactor.global().describe(e));
          return STAGE_FAILED;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
