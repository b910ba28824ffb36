package io.ferry.core.option;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ferry.core.sql.SparkSqlType;
import io.ferry.core.sql.SqlIdentifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How a declared option is read from HOCON and shown in docs. Validation reads every option once
 * through its type and hands the stage the typed value, so a stage never parses config itself.
 * Reading goes through Typesafe Config's own getters, so "8" is an int and "10s" a duration.
 */
public interface OptionType<T> {

  /**
   * The name shown in `ferry stages` and docs/stages.md, e.g. {@code int} or {@code append|merge}.
   */
  String displayName();

  /**
   * Reads the value at {@code path}.
   *
   * @throws ConfigException.WrongType when the value has the wrong shape (a list for a string)
   * @throws InvalidOptionValue when the value has the right shape but breaks the type's rules
   */
  T read(Config config, String path);

  /** Renders a value for docs and messages, in HOCON syntax. */
  default String render(T value) {
    return String.valueOf(value);
  }

  /** What a value must be, for "expected ..., found ..." messages: {@code an integer}. */
  default String expectation() {
    return "a " + displayName();
  }

  /** True when any key below the option is allowed (free-form objects such as reader options). */
  default boolean freeForm() {
    return false;
  }

  OptionType<String> STRING = of("string", "a string", Config::getString);
  OptionType<Integer> INT = of("int", "an integer", Config::getInt);
  OptionType<Long> LONG = of("long", "an integer", Config::getLong);
  OptionType<Double> DOUBLE = of("double", "a number", Config::getDouble);
  OptionType<Boolean> BOOLEAN = of("boolean", "a boolean (true or false)", Config::getBoolean);
  OptionType<Duration> DURATION =
      new OptionType<>() {
        @Override
        public String displayName() {
          return "duration";
        }

        @Override
        public String expectation() {
          return "a duration (e.g. 30s, 5m)";
        }

        @Override
        public Duration read(Config config, String path) {
          return config.getDuration(path);
        }

        /** In the largest whole unit: {@code 24h}, {@code 90m}, {@code 1500ms}. */
        @Override
        public String render(Duration value) {
          long millis = value.toMillis();
          for (var unit :
              List.of(
                  Map.entry("d", 86_400_000L),
                  Map.entry("h", 3_600_000L),
                  Map.entry("m", 60_000L),
                  Map.entry("s", 1_000L))) {
            if (millis != 0 && millis % unit.getValue() == 0) {
              return millis / unit.getValue() + unit.getKey();
            }
          }
          return millis + "ms";
        }
      };
  OptionType<List<String>> STRING_LIST =
      of("list<string>", "a list of strings", Config::getStringList);

  /** The name of an entry under {@code connections}; validation checks that it exists. */
  OptionType<String> CONNECTION = of("connection", "a connection name", Config::getString);

  /**
   * An SQL name, optionally qualified ({@code sales.orders}), parsed with {@link
   * SqlIdentifier#parse}: unquoted parts fold to lower case, double-quoted parts keep their case.
   */
  OptionType<SqlIdentifier> SQL_NAME =
      of(
          "sql-name",
          "an SQL name",
          (config, path) -> identifier(config.getValue(path), path, config.getString(path)));

  /** One column name, not qualified, parsed like {@link #SQL_NAME}. */
  OptionType<SqlIdentifier> COLUMN =
      of(
          "column",
          "a column name",
          (config, path) -> column(config.getValue(path), path, config.getString(path)));

  /** A non-empty list of distinct column names, each parsed like {@link #COLUMN}. */
  OptionType<List<SqlIdentifier>> COLUMN_LIST =
      of("list<column>", "a list of column names", OptionType::columns);

  /** A Spark SQL type, checked without Spark; see {@link SparkSqlType}. */
  OptionType<SparkSqlType> SPARK_TYPE =
      of(
          "spark-type",
          "a Spark SQL type",
          (config, path) -> sparkType(config.getValue(path), path, config.getString(path)));

  /** An object of Spark SQL types by column name, e.g. {@code { amount = "decimal(20,4)" }}. */
  OptionType<Map<String, SparkSqlType>> SPARK_TYPE_BY_COLUMN =
      new OptionType<>() {
        @Override
        public String displayName() {
          return "object of spark-type";
        }

        @Override
        public String expectation() {
          return "an object of Spark SQL types by column name";
        }

        @Override
        public Map<String, SparkSqlType> read(Config config, String path) {
          Map<String, SparkSqlType> out = new LinkedHashMap<>();
          for (var e : config.getObject(path).entrySet()) {
            ConfigValue v = e.getValue();
            String key = path + "." + e.getKey();
            if (v.valueType() != ConfigValueType.STRING) {
              throw new InvalidOptionValue(
                  v.origin(), key, "expected a Spark SQL type as a string, e.g. \"decimal(20,4)\"");
            }
            out.put(e.getKey(), sparkType(v, key, (String) v.unwrapped()));
          }
          return out;
        }

        @Override
        public boolean freeForm() {
          return true;
        }
      };

  /** A free-form object of string values, e.g. Spark reader options. */
  OptionType<Map<String, String>> STRING_MAP =
      new OptionType<>() {
        @Override
        public String displayName() {
          return "object";
        }

        @Override
        public String expectation() {
          return "an object";
        }

        @Override
        public Map<String, String> read(Config config, String path) {
          Config sub = config.getConfig(path);
          Map<String, String> out = new TreeMap<>();
          for (var e : sub.entrySet()) {
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.LIST || t == ConfigValueType.OBJECT) {
              throw new ConfigException.WrongType(
                  e.getValue().origin(), path + "." + e.getKey(), "a string or number", t.name());
            }
            out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
          }
          return out;
        }

        @Override
        public boolean freeForm() {
          return true;
        }
      };

  /** A list of objects, each checked by the stage's own validation (e.g. data-quality checks). */
  OptionType<List<? extends Config>> OBJECT_LIST =
      of("list<object>", "a list of objects", Config::getConfigList);

  /** An integer from {@code min} to {@code max}, both included. */
  static OptionType<Integer> intBetween(int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    String range = max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
    return of(
        "int (" + range + ")",
        "an integer",
        (config, path) -> {
          int value = config.getInt(path);
          if (value < min || value > max) {
            throw new InvalidOptionValue(
                config.getValue(path).origin(),
                path,
                (max == Integer.MAX_VALUE
                        ? "must be at least " + min
                        : "must be between " + min + " and " + max)
                    + ", found "
                    + value);
          }
          return value;
        });
  }

  /**
   * An enum written in HOCON as lower case with dashes: {@code TRUNCATE_INSERT} is {@code
   * truncate-insert}.
   */
  static <E extends Enum<E>> OptionType<E> enumOf(Class<E> type) {
    String names =
        Arrays.stream(type.getEnumConstants())
            .map(OptionType::hoconName)
            .collect(Collectors.joining("|"));
    return new OptionType<>() {
      @Override
      public String displayName() {
        return names;
      }

      @Override
      public String expectation() {
        return "one of " + names;
      }

      @Override
      public E read(Config config, String path) {
        return constant(type, config.getValue(path), path, config.getString(path));
      }

      @Override
      public String render(E value) {
        return hoconName(value);
      }
    };
  }

  /** A list of enum constants, each written as in {@link #enumOf}. */
  static <E extends Enum<E>> OptionType<List<E>> enumListOf(Class<E> type) {
    OptionType<E> element = enumOf(type);
    return new OptionType<>() {
      @Override
      public String displayName() {
        return "list<" + element.displayName() + ">";
      }

      @Override
      public String expectation() {
        return "a list of " + element.displayName();
      }

      @Override
      public List<E> read(Config config, String path) {
        config.getStringList(path);
        List<E> out = new ArrayList<>();
        for (ConfigValue v : config.getList(path)) {
          E constant = constant(type, v, path, String.valueOf(v.unwrapped()));
          if (out.contains(constant)) {
            throw new InvalidOptionValue(
                v.origin(), path, "'" + hoconName(constant) + "' is listed twice");
          }
          out.add(constant);
        }
        return List.copyOf(out);
      }

      @Override
      public String render(List<E> value) {
        return value.stream().map(OptionType::hoconName).toList().toString();
      }
    };
  }

  static String hoconName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> E constant(
      Class<E> type, ConfigValue value, String path, String raw) {
    for (E constant : type.getEnumConstants()) {
      if (hoconName(constant).equalsIgnoreCase(raw.trim())) {
        return constant;
      }
    }
    throw new InvalidOptionValue(
        value.origin(),
        path,
        "expected one of "
            + Arrays.stream(type.getEnumConstants())
                .map(OptionType::hoconName)
                .collect(Collectors.joining("|"))
            + ", found '"
            + raw
            + "'");
  }

  private static SqlIdentifier identifier(ConfigValue value, String path, String raw) {
    try {
      return SqlIdentifier.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionValue(value.origin(), path, e.getMessage());
    }
  }

  private static SqlIdentifier column(ConfigValue value, String path, String raw) {
    SqlIdentifier id = identifier(value, path, raw);
    if (id.parts().size() != 1) {
      throw new InvalidOptionValue(
          value.origin(), path, "'" + raw + "' is qualified; name the column alone");
    }
    return id;
  }

  private static List<SqlIdentifier> columns(Config config, String path) {
    List<String> raw = config.getStringList(path);
    if (raw.isEmpty()) {
      throw new InvalidOptionValue(
          config.getValue(path).origin(), path, "is empty; remove it instead");
    }
    List<SqlIdentifier> out = new ArrayList<>();
    List<InvalidOptionValue.Fault> faults = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<ConfigValue> values = config.getList(path);
    for (int i = 0; i < raw.size(); i++) {
      try {
        SqlIdentifier id = column(values.get(i), path, raw.get(i));
        if (!seen.add(id.name())) {
          faults.add(
              new InvalidOptionValue.Fault(
                  values.get(i).origin(), path, "column '" + id.name() + "' is listed twice"));
        }
        out.add(id);
      } catch (InvalidOptionValue e) {
        faults.addAll(e.faults());
      }
    }
    if (!faults.isEmpty()) {
      throw new InvalidOptionValue(faults);
    }
    return List.copyOf(out);
  }

  private static SparkSqlType sparkType(ConfigValue value, String path, String raw) {
    try {
      return SparkSqlType.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionValue(value.origin(), path, e.getMessage());
    }
  }

  /**
   * A type from its name in docs, what a value must be (for "expected ..." messages) and how to
   * read it; for kinds of values a module declares itself.
   */
  static <T> OptionType<T> of(String name, String expectation, Reader<T> reader) {
    return new OptionType<>() {
      @Override
      public String displayName() {
        return name;
      }

      @Override
      public String expectation() {
        return expectation;
      }

      @Override
      public T read(Config config, String path) {
        return reader.read(config, path);
      }
    };
  }

  /** Reads one typed value from a config. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Config config, String path);
  }
}
