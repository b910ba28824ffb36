package io.ferry.launcher;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobLoader;
import io.ferry.engine.job.JobSource;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.job.Problem;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.ingest.jdbc.sqoop.SqoopImportConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry sqoop-convert -- <sqoop import arguments>}: prints the equivalent {@code
 * jdbc-ingest} stage and connection in HOCON; every Sqoop flag without an equivalent is named in a
 * comment. The output is validated as {@code ferry validate} would before it is printed: a stage
 * that would not validate is never printed, and the problems are (exit 2). Starts no Spark and
 * connects to nothing.
 */
@Command(
    name = "sqoop-convert",
    mixinStandardHelpOptions = true,
    description =
        "Print the jdbc-ingest stage equivalent to a sqoop import, e.g. ferry sqoop-convert --"
            + " import --connect jdbc:postgresql://db/app --table orders --split-by id -m 8."
            + " Exit 0, or 2 when the arguments make no stage or one that would not validate.")
final class SqoopConvertCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "SQOOP_ARGS",
      arity = "1..*",
      description = "The arguments of sqoop import, after --.")
  List<String> args = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String converted = SqoopImportConverter.convert(args);
    List<Problem> problems = problems(converted);
    if (!problems.isEmpty()) {
      throw new UsageException(
          "the stage converted from these sqoop arguments would not validate:\n"
              + problems.stream()
                  .map(p -> "  " + p.path() + ": " + p.message())
                  .collect(Collectors.joining("\n"))
              + "\nChange the sqoop arguments (Ferry needs what sqoop import needs) and convert"
              + " again; nothing was printed.");
    }
    spec.commandLine().getOut().print(converted);
    spec.commandLine().getOut().flush();
    return Ferry.OK;
  }

  /** What {@code ferry validate} would say about the output pasted into a job of its own. */
  private static List<Problem> problems(String converted) {
    String job =
        "job.name = sqoop_convert\nlake.root = \"file:///tmp/ferry-sqoop-convert\"\n" + converted;
    JobSource source = new JobSource("sqoop-convert output", Optional.empty(), job);
    try {
      JobValidator.validate(
          JobLoader.load(source, Optional.empty(), Map.of()), source, StageRegistry.load());
      return List.of();
    } catch (InvalidJobException e) {
      return e.problems().stream().sorted().toList();
    }
  }
}
