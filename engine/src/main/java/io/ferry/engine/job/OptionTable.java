package io.ferry.engine.job;

import io.ferry.core.option.StageOption;
import java.util.stream.Collectors;

/**
 * Declared options as Markdown table rows, the one way docs/stages.md and docs/jobs.md show an
 * option: name, type, required or default, description, and its former names.
 */
public final class OptionTable {
  private OptionTable() {}

  /** The header and separator lines; {@code first} names the first column. */
  public static String header(String first) {
    return "| " + first + " | type | required / default | description |\n|---|---|---|---|\n";
  }

  /** One row. */
  public static String row(StageOption<?> option) {
    return "| `"
        + option.name()
        + "` | "
        + option.type().displayName().replace("|", "\\|")
        + " | "
        + (option.required()
            ? "required"
            : option.renderedDefault().map(d -> "`" + d + "`").orElse("optional"))
        + " | "
        + option.description().replace("|", "\\|")
        + formerly(option)
        + " |\n";
  }

  /** " Formerly `merge-key` (still read, with a warning)." or an empty string. */
  public static String formerly(StageOption<?> option) {
    return option.deprecatedAliases().isEmpty()
        ? ""
        : " Formerly "
            + option.deprecatedAliases().stream()
                .map(a -> "`" + a + "`")
                .collect(Collectors.joining(", "))
            + " (still read, with a warning).";
  }
}
