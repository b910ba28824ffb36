package io.ferry.launcher;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.StageFactory;
import io.ferry.engine.job.OptionTable;
import io.ferry.engine.stage.StageRegistry;

/**
 * Describes stage types from their own option declarations: the text of {@code ferry stages} and
 * docs/stages.md. There is no hand-kept copy; a test keeps the doc equal to this output.
 */
final class StageCatalog {
  private StageCatalog() {}

  static String text(StageFactory f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.type()).append(" - ").append(f.description()).append('\n');
    sb.append("  name (string, required)  Unique stage name; later stages and SQL refer to it.\n");
    if (f.readsInput()) {
      sb.append("  input (string)  The dataset to read; default: the previous stage's output.\n");
    }
    for (StageOption<?> o : f.options()) {
      sb.append("  ").append(o.name()).append(" (").append(o.type().displayName());
      if (o.required()) {
        sb.append(", required");
      }
      o.renderedDefault().ifPresent(d -> sb.append(", default ").append(d));
      sb.append(")  ").append(o.description()).append(OptionTable.formerly(o)).append('\n');
    }
    for (OptionRule r : f.rules()) {
      sb.append("  rule: ").append(r.describe()).append('\n');
    }
    return sb.toString();
  }

  static String markdown(StageRegistry registry) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Stage types\n\n");
    sb.append(
        "Generated from the stages' own option declarations by `bin/ferry stages --markdown`;"
            + " do not edit by hand (a test fails when this page and the code disagree).\n\n");
    sb.append(
        "Every stage takes `name` (unique; later stages and SQL refer to it), `type`, and an"
            + " optional `description`. Stages that read a dataset also take `input` (default: the"
            + " previous stage's output).\n\n");
    for (StageFactory f : registry.all()) {
      sb.append("- [`").append(f.type()).append("`](#").append(f.type()).append(")\n");
    }
    for (StageFactory f : registry.all()) {
      sb.append("\n## ").append(f.type()).append("\n\n").append(f.description()).append("\n\n");
      sb.append(OptionTable.header("option"));
      if (f.readsInput()) {
        sb.append("| `input` | string | previous stage | The dataset to read. |\n");
      }
      f.options().forEach(o -> sb.append(OptionTable.row(o)));
      if (!f.rules().isEmpty()) {
        sb.append("\nRules:\n");
        f.rules().forEach(r -> sb.append("- ").append(r.describe()).append('\n'));
      }
    }
    return sb.toString();
  }
}
