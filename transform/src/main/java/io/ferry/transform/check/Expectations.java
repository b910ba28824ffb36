package io.ferry.transform.check;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ferry.core.option.ConfigLocation;
import io.ferry.core.option.InvalidOptionValue;
import io.ferry.core.option.OptionType;
import io.ferry.core.option.Suggestions;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.transform.sql.SqlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code expectations} list of a {@code check} stage, once, during validation: {@link
 * #TYPE} is the option's type, so the stage receives typed {@link Expectation}s. Every problem is
 * reported with its key path ({@code expectations[2].columns}) at its own line, all at once; the
 * stage is created only from a list that parsed without problems.
 */
public final class Expectations {
  /** A non-empty list of expectation objects, each parsed into an {@link Expectation}. */
  static final OptionType<List<Expectation>> TYPE =
      OptionType.of("list<object>", "a list of objects", Expectations::read);

  private static final Pattern ENTRY_KEY = Pattern.compile("expectations\\[(\\d+)\\](?:\\.(.+))?");
  static final Set<String> COMMON = Set.of("type", "level", "description");
  static final Map<String, Set<String>> KEYS =
      Map.of(
          "row-count", Set.of("min", "max"),
          "not-null", Set.of("columns"),
          "unique", Set.of("columns"),
          "accepted-values", Set.of("column", "values"),
          "sql", Set.of("condition", "query"));

  private final BiConsumer<String, String> problems;
  private int count;

  private Expectations(BiConsumer<String, String> problems) {
    this.problems = problems;
  }

  /**
   * Parses every entry.
   *
   * @param problems receives (key path below the stage, message) for each problem
   * @return the expectations that parsed cleanly, in order
   */
  private static List<Expectation> parse(
      List<? extends Config> entries, BiConsumer<String, String> problems) {
    Expectations parser = new Expectations(problems);
    List<Expectation> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      parser.entry(entries.get(i), "expectations[" + i + "]").ifPresent(out::add);
    }
    return out;
  }

  /**
   * Reads the list at {@code path} of a stage.
   *
   * @throws InvalidOptionValue with every problem of every entry, each at its own line
   */
  private static List<Expectation> read(Config stage, String path) {
    List<? extends Config> entries = stage.getConfigList(path);
    if (entries.isEmpty()) {
      throw new InvalidOptionValue(
          stage.getValue(path).origin(), path, "is empty: list at least one expectation");
    }
    List<InvalidOptionValue.Fault> faults = new ArrayList<>();
    List<Expectation> parsed =
        parse(
            entries,
            (key, message) ->
                faults.add(new InvalidOptionValue.Fault(origin(entries, key), key, message)));
    if (!faults.isEmpty()) {
      throw new InvalidOptionValue(faults);
    }
    return parsed;
  }

  /** Where {@code expectations[i]} or {@code expectations[i].key} is written. */
  private static ConfigOrigin origin(List<? extends Config> entries, String key) {
    Matcher m = ENTRY_KEY.matcher(key);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an expectation key: " + key);
    }
    Config entry = entries.get(Integer.parseInt(m.group(1)));
    String below = m.group(2);
    return ConfigLocation.origin(
        below != null && entry.hasPath(below) ? entry.getValue(below) : entry.root());
  }

  /**
   * Parses the condition or query of every {@code sql} expectation with Spark's parser.
   *
   * @param problems receives (key path below the stage, message) for each syntax error
   */
  public static void syntaxErrors(
      List<Expectation> expectations, BiConsumer<String, String> problems) {
    for (int i = 0; i < expectations.size(); i++) {
      String path = "expectations[" + i + "]";
      Expectation e = expectations.get(i);
      if (e instanceof Expectation.SqlCondition condition) {
        SqlErrors.expressionSyntaxError(condition.condition())
            .ifPresent(m -> problems.accept(path + ".condition", m));
      } else if (e instanceof Expectation.SqlQuery query) {
        SqlErrors.syntaxError(query.query()).ifPresent(m -> problems.accept(path + ".query", m));
      }
    }
  }

  private Optional<Expectation> entry(Config c, String path) {
    int before = count;
    if (!c.hasPath("type")) {
      problem(path + ".type", "missing: one of " + String.join(", ", new TreeSet<>(KEYS.keySet())));
      return Optional.empty();
    }
    String type = string(c, "type", path).orElse("");
    Set<String> keys = KEYS.get(type);
    if (keys == null) {
      problem(
          path + ".type",
          "unknown expectation type '"
              + type
              + "'"
              + Suggestions.didYouMean(type, KEYS.keySet())
              + "; known: "
              + String.join(", ", new TreeSet<>(KEYS.keySet())));
      return Optional.empty();
    }
    Set<String> allowed = new TreeSet<>(COMMON);
    allowed.addAll(keys);
    for (String key : c.root().keySet()) {
      if (!allowed.contains(key)) {
        problem(
            path + "." + key,
            "unknown key for a '"
                + type
                + "' expectation"
                + Suggestions.didYouMean(key, allowed)
                + "; allowed: "
                + String.join(", ", allowed));
      }
    }
    Level level = level(c, path);
    Optional<String> description = string(c, "description", path);
    Expectation e =
        switch (type) {
          case "row-count" -> rowCount(c, path, level, description);
          case "not-null" -> new Expectation.NotNull(columns(c, path), level, description);
          case "unique" -> new Expectation.Unique(columns(c, path), level, description);
          case "accepted-values" -> acceptedValues(c, path, level, description);
          default -> sql(c, path, level, description);
        };
    return count == before ? Optional.of(e) : Optional.empty();
  }

  private Expectation rowCount(Config c, String path, Level level, Optional<String> description) {
    OptionalLong min = count(c, "min", path);
    OptionalLong max = count(c, "max", path);
    if (!c.hasPath("min") && !c.hasPath("max")) {
      problem(path, "a row-count expectation needs 'min', 'max' or both");
    }
    if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
      problem(path + ".min", "min " + min.getAsLong() + " is above max " + max.getAsLong());
    }
    return new Expectation.RowCount(min, max, level, description);
  }

  private Expectation acceptedValues(
      Config c, String path, Level level, Optional<String> description) {
    String column = column(c, "column", path).orElse("");
    List<Object> values = new ArrayList<>();
    if (!c.hasPath("values")) {
      problem(path + ".values", "missing: the list of accepted values");
    } else if (c.getValue("values").valueType() != ConfigValueType.LIST) {
      problem(path + ".values", "expected a list of values, e.g. [paid, refunded]");
    } else {
      for (ConfigValue v : c.getList("values")) {
        if (v.valueType() == ConfigValueType.LIST
            || v.valueType() == ConfigValueType.OBJECT
            || v.valueType() == ConfigValueType.NULL) {
          problem(path + ".values", "expected strings, numbers or booleans, found " + v.render());
        } else {
          values.add(v.unwrapped());
        }
      }
      if (c.getList("values").isEmpty()) {
        problem(path + ".values", "is empty: list at least one accepted value");
      }
    }
    return new Expectation.AcceptedValues(column, values, level, description);
  }

  private Expectation sql(Config c, String path, Level level, Optional<String> description) {
    Optional<String> condition = string(c, "condition", path);
    Optional<String> query = string(c, "query", path);
    if (condition.isPresent() == query.isPresent()) {
      problem(
          path,
          "a sql expectation needs exactly one of 'condition' (true for every row) and 'query'"
              + " (returns no rows)");
      return new Expectation.SqlCondition("", level, description);
    }
    if (condition.isPresent()) {
      return new Expectation.SqlCondition(condition.get(), level, description);
    }
    return new Expectation.SqlQuery(query.get(), level, description);
  }

  private Level level(Config c, String path) {
    if (!c.hasPath("level")) {
      return Level.FAIL;
    }
    try {
      return OptionType.enumOf(Level.class).read(c, "level");
    } catch (ConfigException e) {
      problem(path + ".level", "expected fail or warn, found " + c.getValue("level").render());
      return Level.FAIL;
    }
  }

  private List<String> columns(Config c, String path) {
    if (!c.hasPath("columns")) {
      problem(path + ".columns", "missing: the list of columns, e.g. [customer_id]");
      return List.of();
    }
    List<String> columns;
    try {
      columns = c.getStringList("columns");
    } catch (ConfigException e) {
      problem(path + ".columns", "expected a list of column names, e.g. [customer_id]");
      return List.of();
    }
    if (columns.isEmpty()) {
      problem(path + ".columns", "is empty: name at least one column");
    }
    for (String column : columns) {
      identifierProblem(column).ifPresent(m -> problem(path + ".columns", m));
    }
    return columns;
  }

  private Optional<String> column(Config c, String key, String path) {
    if (!c.hasPath(key)) {
      problem(path + "." + key, "missing: the column to check");
      return Optional.empty();
    }
    Optional<String> column = string(c, key, path);
    column.flatMap(Expectations::identifierProblem).ifPresent(m -> problem(path + "." + key, m));
    return column;
  }

  /** A column is one plain or double-quoted name; it reaches Spark quoted. */
  static Optional<String> identifierProblem(String column) {
    try {
      if (SqlIdentifier.parse(column).parts().size() != 1) {
        return Optional.of("'" + column + "' is not a column name: write one name, not a path");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private OptionalLong count(Config c, String key, String path) {
    if (!c.hasPath(key)) {
      return OptionalLong.empty();
    }
    try {
      long v = c.getLong(key);
      if (v < 0) {
        problem(path + "." + key, "must be 0 or more, found " + v);
      }
      return OptionalLong.of(v);
    } catch (ConfigException e) {
      problem(path + "." + key, "expected an integer, found " + c.getValue(key).render());
      return OptionalLong.empty();
    }
  }

  private Optional<String> string(Config c, String key, String path) {
    if (!c.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue v = c.getValue(key);
    if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
      problem(path + "." + key, "expected a string, found " + v.valueType().name().toLowerCase());
      return Optional.empty();
    }
    String s = String.valueOf(v.unwrapped());
    if (s.isBlank()) {
      problem(path + "." + key, "is empty");
      return Optional.empty();
    }
    return Optional.of(s);
  }

  private void problem(String key, String message) {
    count++;
    problems.accept(key, message);
  }
}
