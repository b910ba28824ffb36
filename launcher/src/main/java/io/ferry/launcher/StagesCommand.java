package io.ferry.launcher;

import io.ferry.core.option.Suggestions;
import io.ferry.core.stage.StageFactory;
import io.ferry.engine.stage.StageRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry stages}: the stage types on the classpath and their options. */
@Command(
    name = "stages",
    mixinStandardHelpOptions = true,
    description = "List stage types and their options (from the stages' own declarations).")
final class StagesCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "TYPE", description = "Show only this stage type.")
  String type;

  @Option(names = "--markdown", description = "Print docs/stages.md.")
  boolean markdown;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StageRegistry registry = StageRegistry.load();
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(StageCatalog.markdown(registry));
    } else if (type != null) {
      StageFactory f =
          registry
              .find(type)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "unknown stage type '"
                              + type
                              + "'"
                              + Suggestions.didYouMean(type, registry.types())
                              + "; known: "
                              + String.join(", ", registry.types())));
      out.print(StageCatalog.text(f));
    } else {
      registry.all().forEach(f -> out.print(StageCatalog.text(f) + "\n"));
    }
    out.flush();
    return Ferry.OK;
  }
}
