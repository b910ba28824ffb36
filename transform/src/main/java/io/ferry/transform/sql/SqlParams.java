package io.ferry.transform.sql;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${params.x}} placeholders in SQL text, replaced by the run's parameters ({@code params} in
 * the job, {@code --set params.x=...}). HOCON leaves placeholders in quoted and triple-quoted
 * strings alone, so they reach the stage as written and are replaced here, at run time.
 *
 * <p>A value is inserted as its text, exactly like a macro: write {@code '${params.run_date}'} for
 * a string literal. Only scalar parameters (string, number, boolean) can be inserted.
 */
public final class SqlParams {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{params\\.([A-Za-z0-9_.-]+)}");

  private SqlParams() {}

  /** Whether the text holds at least one {@code ${params.x}} placeholder. */
  public static boolean hasPlaceholders(String sql) {
    return PLACEHOLDER.matcher(sql).find();
  }

  /**
   * Replaces every placeholder.
   *
   * @throws IllegalArgumentException naming every unknown parameter and the defined ones, or a
   *     parameter that is not a scalar
   */
  public static String substitute(String sql, Config params) {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      String key = m.group(1);
      String value = value(params, key);
      if (value == null) {
        unknown.add(key);
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown parameter"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown.stream().map(k -> "${params." + k + "}").toList())
              + " in the SQL; defined parameters: "
              + (params.isEmpty() ? "none" : String.join(", ", new TreeSet<>(leafKeys(params))))
              + ". Set it under 'params' in the job or with --set params."
              + unknown.get(0)
              + "=...");
    }
    return out.toString();
  }

  private static String value(Config params, String key) {
    boolean present;
    try {
      present = params.hasPath(key);
    } catch (ConfigException.BadPath e) {
      return null;
    }
    if (!present) {
      return null;
    }
    ConfigValue v = params.getValue(key);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw new IllegalArgumentException(
          "parameter '"
              + key
              + "' is "
              + (v.valueType() == ConfigValueType.LIST ? "a list" : "an object")
              + "; only strings, numbers and booleans can be inserted into SQL");
    }
    return String.valueOf(v.unwrapped());
  }

  private static List<String> leafKeys(Config params) {
    return params.entrySet().stream().map(e -> e.getKey()).toList();
  }
}
