package io.ferry.launcher.check;

import io.ferry.core.secret.Redactor;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.launcher.Ferry;
import io.ferry.launcher.JobOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry check}: before a cluster starts, what will fail. Validates the job as {@code run}
 * does, then runs the {@link Preflight}: the lake root takes a marker file, every stage's
 * connections log in and name tables and columns that exist, the load's target is writable or
 * creatable, every {@code sql-file} and model folder is readable. Lists every problem at once, each
 * with its file:line, key and stage; exit 0 when ready, 2 otherwise. Writes nothing but the marker,
 * which it deletes.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Preflight: validate the job, then log in to every connection, look up the tables and"
            + " columns it names, check the load target can be written, write and delete a marker"
            + " in the lake, read every sql-file and model. Exit 0 if ready, 2 with every problem"
            + " listed. Writes nothing else.")
public final class CheckCommand implements Callable<Integer> {
  @Mixin JobOptions job = new JobOptions();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StageRegistry registry = StageRegistry.load();
    JobSpec jobSpec = job.load(registry);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf("Checking job '%s' (%s)%n", jobSpec.name(), job.describe());
    Preflight preflight = new Preflight(jobSpec, registry);
    preflight.run();
    preflight.lines().forEach(line -> out.println("  " + Redactor.global().redact(line)));
    out.flush();
    if (preflight.problems().isEmpty()) {
      out.printf("OK: job '%s' is ready to run.%n", jobSpec.name());
      return Ferry.OK;
    }
    int n = preflight.problems().size();
    err.println(n + (n == 1 ? " problem" : " problems") + " found before the run:");
    for (Problem p : preflight.problems()) {
      err.println("  " + Redactor.global().redact(p.toString()));
    }
    err.println("Nothing was written. Fix the problems above and run ferry check again.");
    err.flush();
    return Ferry.BAD_CONFIG;
  }
}
