package io.ferry.launcher;

import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.stage.StageRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry validate}: every problem at once, with file:line; never starts Spark. Without {@code
 * --full} it loads no Spark class either, and answers in well under a second.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check a job without running it or starting Spark. Exit 0 if valid, 2 with every problem listed.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin JobOptions job = new JobOptions();

  @Option(
      names = "--full",
      description =
          "Also run the checks that need Spark's classes: SQL and filter syntax, Spark type names,"
              + " model parameters (as run and plan do before anything runs). Takes seconds.")
  boolean full;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobSpec jobSpec =
        job.load(
            StageRegistry.load(),
            full ? JobValidator.Checks.ALL : JobValidator.Checks.WITHOUT_SPARK);
    spec.commandLine()
        .getOut()
        .printf(
            "OK: job '%s' (%s) is valid: %d stages, %d connections.%n",
            jobSpec.name(), job.describe(), jobSpec.stages().size(), jobSpec.connections().size());
    return Ferry.OK;
  }
}
