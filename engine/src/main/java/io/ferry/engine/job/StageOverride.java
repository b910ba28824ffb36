package io.ferry.engine.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.ferry.core.option.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --set stages.<name>.<option>=VALUE}: one option of one stage, found by the stage's name,
 * changed for one run without editing the file (a scheduler's partitions, a backfill's where). The
 * stage list itself cannot be replaced from the command line.
 */
final class StageOverride {
  private StageOverride() {}

  /** The job with the option set in the stage of that name. */
  static Config apply(Config job, String key, String value) {
    String rest = key.equals("stages") ? "" : key.substring("stages.".length());
    int dot = rest.indexOf('.');
    String name = dot < 0 ? rest : rest.substring(0, dot);
    String option = dot < 0 ? "" : rest.substring(dot + 1);
    if (name.isEmpty()) {
      throw mistake(
          key,
          "the stage list cannot be replaced from the command line; set one option of one stage"
              + " with --set stages.<name>.<option>=VALUE");
    }
    if (!job.hasPath("stages") || job.getValue("stages").valueType() != ConfigValueType.LIST) {
      throw mistake(key, "the job has no stages list to set an option in");
    }
    ConfigList stages = job.getList("stages");
    List<String> names = new ArrayList<>();
    int index = -1;
    for (int i = 0; i < stages.size(); i++) {
      String stageName = name(stages.get(i));
      if (!stageName.isEmpty()) {
        names.add(stageName);
      }
      if (stageName.equals(name)) {
        index = i;
      }
    }
    String example = "--set stages." + (names.isEmpty() ? "<name>" : names.get(0)) + ".";
    if (index < 0) {
      String why =
          name.matches("\\d+")
              ? "name the stage, not its position"
              : "no stage is named '" + name + "'" + Suggestions.didYouMean(name, names);
      throw mistake(
          key,
          why
              + "; write --set stages.<name>."
              + (option.isEmpty() ? "<option>" : option)
              + "=VALUE with one of: "
              + String.join(", ", names));
    }
    if (option.isEmpty() || option.equals("name") || option.equals("type")) {
      throw mistake(
          key,
          (option.isEmpty() ? "name an option" : "a stage's " + option + " cannot be changed")
              + "; write "
              + "--set stages."
              + name
              + ".<option>=VALUE, e.g. "
              + example
              + "partitions=8");
    }
    ConfigObject stage = (ConfigObject) stages.get(index);
    Config changed;
    try {
      changed = stage.toConfig().withValue(option, value(key, value));
    } catch (ConfigException.BadPath e) {
      throw mistake(
          key,
          "'" + option + "' is not an option path; write --set stages." + name + ".<option>=VALUE");
    }
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      list.add(i == index ? changed.root() : stages.get(i));
    }
    return job.withValue("stages", ConfigValueFactory.fromIterable(list, "--set " + key));
  }

  /**
   * The value of {@code --set}: a list or object when written as one ({@code [a, b]}, {@code
   * {...}}), else the text as a string, which options read as numbers, booleans or durations as
   * needed.
   */
  static ConfigValue value(String key, String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      try {
        return ConfigFactory.parseString("v = " + trimmed)
            .getValue("v")
            .withOrigin(ConfigValueFactory.fromAnyRef("", "--set " + key).origin());
      } catch (ConfigException e) {
        throw mistake(
            key,
            "'"
                + text
                + "' is not a HOCON list or object: "
                + JobLoader.cleanMessage(e)
                + "; write e.g. --set "
                + key
                + "='[a, b]'");
      }
    }
    return ConfigValueFactory.fromAnyRef(text, "--set " + key);
  }

  private static String name(ConfigValue stage) {
    if (stage instanceof ConfigObject object) {
      ConfigValue name = object.get("name");
      if (name != null && name.valueType() == ConfigValueType.STRING) {
        return (String) name.unwrapped();
      }
    }
    return "";
  }

  /** A {@code --set} mistake, as a problem of the command line (exit code 2). */
  static InvalidJobException mistake(String key, String message) {
    return new InvalidJobException(List.of(new Problem("--set " + key, 0, "", message)));
  }
}
