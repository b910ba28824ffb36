package io.ferry.launcher;

import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StagePlan;
import io.ferry.core.stage.StageSpec;
import io.ferry.engine.job.JobRendering;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.stage.StageRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry plan}: what a run would do, and the resolved config with secrets masked. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Show the stages with their inputs, outputs and SQL, and the resolved config (secrets masked). Starts nothing.")
final class PlanCommand implements Callable<Integer> {
  @Mixin JobOptions job = new JobOptions();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    StageRegistry registry = StageRegistry.load();
    JobSpec jobSpec = job.load(registry);
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder sb = new StringBuilder();
    sb.append("Job '").append(jobSpec.name()).append("' from ").append(job.describe()).append('\n');
    sb.append("Lake: ").append(jobSpec.lake().root()).append('\n');
    sb.append("Stages, in order:\n");
    String previous = null;
    for (StageSpec stage : jobSpec.stages()) {
      StageFactory factory = registry.find(stage.type()).orElseThrow();
      sb.append(String.format("  %d. %s (%s)%n", stage.index() + 1, stage.name(), stage.type()));
      if (factory.readsInput()) {
        sb.append("     input:  ")
            .append(stage.input().orElse(previous == null ? "-" : previous))
            .append('\n');
      }
      Stage created = factory.create(stage);
      if (created instanceof ExplainsPlan explains) {
        StagePlan plan = explains.explain();
        plan.reads().forEach(r -> sb.append("     reads:  ").append(r).append('\n'));
        plan.writes().forEach(w -> sb.append("     writes: ").append(w).append('\n'));
        plan.statements()
            .forEach(
                s ->
                    sb.append("     issues: ")
                        .append(s.replace("\n", "\n             "))
                        .append('\n'));
      }
      previous = stage.name();
    }
    sb.append("\nResolved configuration (secrets masked):\n");
    sb.append(JobRendering.render(jobSpec.resolved()));
    out.print(Redactor.global().redact(sb.toString()));
    out.flush();
    return Ferry.OK;
  }
}
