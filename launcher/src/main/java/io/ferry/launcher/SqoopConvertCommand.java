package io.ferry.launcher;

import io.ferry.ingest.jdbc.sqoop.SqoopImportConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry sqoop-convert -- <sqoop import arguments>}: prints the equivalent {@code
 * jdbc-ingest} stage and connection in HOCON; every Sqoop flag without an equivalent is named in a
 * comment. Starts no Spark and connects to nothing.
 */
@Command(
    name = "sqoop-convert",
    mixinStandardHelpOptions = true,
    description =
        "Print the jdbc-ingest stage equivalent to a sqoop import, e.g. ferry sqoop-convert --"
            + " import --connect jdbc:postgresql://db/app --table orders --split-by id -m 8."
            + " Exit 0, or 2 when the arguments make no stage.")
final class SqoopConvertCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "SQOOP_ARGS",
      arity = "1..*",
      description = "The arguments of sqoop import, after --.")
  List<String> args = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(SqoopImportConverter.convert(args));
    spec.commandLine().getOut().flush();
    return Ferry.OK;
  }
}
