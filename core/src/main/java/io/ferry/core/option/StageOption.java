package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SparkSqlType;
import io.ferry.core.sql.SqlIdentifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One declared option of a stage type: its name (a HOCON path inside the stage object, e.g. {@code
 * split-by} or {@code incremental.column}), type, default, whether it is required, a description,
 * and older names still accepted with a warning. Validation, {@code ferry stages} and
 * docs/stages.md all come from this declaration.
 *
 * <p>Declare options as constants and build them with the static factories:
 *
 * <pre>{@code
 * static final StageOption<Integer> PARTITIONS =
 *     StageOption.integer("partitions", "Parallel reads, also the cap on source connections.")
 *         .between(1, 1024)
 *         .withDefault(4);
 * static final StageOption<List<SqlIdentifier>> MERGE_KEYS =
 *     StageOption.columns("merge-keys", "Columns identifying a row.")
 *         .deprecatedAlias("merge-key")
 *         .optional();
 * }</pre>
 *
 * @param deprecatedAliases older names of the option, accepted with a warning naming this one
 */
public record StageOption<T>(
    String name,
    OptionType<T> type,
    String description,
    boolean required,
    Optional<T> defaultValue,
    List<String> deprecatedAliases) {

  public StageOption {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
    requireNonNull(defaultValue, "defaultValue");
    deprecatedAliases = List.copyOf(deprecatedAliases);
    if (required && defaultValue.isPresent()) {
      throw new IllegalArgumentException(
          "option " + name + " cannot be required and have a default");
    }
    if (deprecatedAliases.contains(name)) {
      throw new IllegalArgumentException("option " + name + " cannot be its own alias");
    }
  }

  /** A builder-stage option: finish with {@link #required()}, optional() or withDefault(). */
  public record Draft<T>(
      String name, OptionType<T> type, String description, List<String> deprecatedAliases) {
    public Draft {
      deprecatedAliases = List.copyOf(deprecatedAliases);
    }

    /**
     * Also accepts {@code oldName}, the option's former name, with a warning that names this one.
     * Writing both is a problem.
     */
    public Draft<T> deprecatedAlias(String oldName) {
      List<String> aliases = new ArrayList<>(deprecatedAliases);
      aliases.add(requireNonNull(oldName, "oldName"));
      return new Draft<>(name, type, description, aliases);
    }

    public StageOption<T> required() {
      return new StageOption<>(name, type, description, true, Optional.empty(), deprecatedAliases);
    }

    public StageOption<T> optional() {
      return new StageOption<>(name, type, description, false, Optional.empty(), deprecatedAliases);
    }

    public StageOption<T> withDefault(T value) {
      return new StageOption<>(
          name, type, description, false, Optional.of(value), deprecatedAliases);
    }
  }

  /** An integer option being declared; {@link #between} bounds it. */
  public record IntDraft(String name, String description) {
    /** Values outside {@code min} to {@code max} (both included) are validation problems. */
    public Draft<Integer> between(int min, int max) {
      return of(name, OptionType.intBetween(min, max), description);
    }

    /** Values below {@code min} are validation problems. */
    public Draft<Integer> atLeast(int min) {
      return between(min, Integer.MAX_VALUE);
    }

    public StageOption<Integer> required() {
      return of(name, OptionType.INT, description).required();
    }

    public StageOption<Integer> optional() {
      return of(name, OptionType.INT, description).optional();
    }

    public StageOption<Integer> withDefault(int value) {
      return of(name, OptionType.INT, description).withDefault(value);
    }
  }

  public static <T> Draft<T> of(String name, OptionType<T> type, String description) {
    return new Draft<>(name, type, description, List.of());
  }

  public static Draft<String> string(String name, String description) {
    return of(name, OptionType.STRING, description);
  }

  public static IntDraft integer(String name, String description) {
    return new IntDraft(name, description);
  }

  public static Draft<Long> longInt(String name, String description) {
    return of(name, OptionType.LONG, description);
  }

  public static Draft<Double> decimal(String name, String description) {
    return of(name, OptionType.DOUBLE, description);
  }

  public static Draft<Boolean> bool(String name, String description) {
    return of(name, OptionType.BOOLEAN, description);
  }

  public static Draft<Duration> duration(String name, String description) {
    return of(name, OptionType.DURATION, description);
  }

  public static Draft<List<String>> stringList(String name, String description) {
    return of(name, OptionType.STRING_LIST, description);
  }

  public static Draft<Map<String, String>> stringMap(String name, String description) {
    return of(name, OptionType.STRING_MAP, description);
  }

  public static Draft<String> connection(String name, String description) {
    return of(name, OptionType.CONNECTION, description);
  }

  /** An SQL name such as a table, optionally schema-qualified; see {@link OptionType#SQL_NAME}. */
  public static Draft<SqlIdentifier> sqlName(String name, String description) {
    return of(name, OptionType.SQL_NAME, description);
  }

  /** One column name; see {@link OptionType#COLUMN}. */
  public static Draft<SqlIdentifier> column(String name, String description) {
    return of(name, OptionType.COLUMN, description);
  }

  /** A non-empty list of distinct column names; see {@link OptionType#COLUMN_LIST}. */
  public static Draft<List<SqlIdentifier>> columns(String name, String description) {
    return of(name, OptionType.COLUMN_LIST, description);
  }

  /** A Spark SQL type, checked without Spark; see {@link SparkSqlType}. */
  public static Draft<SparkSqlType> sparkType(String name, String description) {
    return of(name, OptionType.SPARK_TYPE, description);
  }

  public static <E extends Enum<E>> Draft<E> enumOf(
      String name, Class<E> type, String description) {
    return of(name, OptionType.enumOf(type), description);
  }

  /** The default rendered for docs, or empty. */
  public Optional<String> renderedDefault() {
    return defaultValue.map(type::render);
  }

  /** The name and every deprecated alias: the keys this option may be written under. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    keys.add(name);
    keys.addAll(deprecatedAliases);
    return keys;
  }
}
