package io.ferry.core.option;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How a declared option is read from HOCON and shown in docs. Reading goes through Typesafe
 * Config's own getters, so validation and the stage see exactly the same conversions ("8" is an
 * int, "10s" a duration).
 */
public interface OptionType<T> {

  /**
   * The name shown in `ferry stages` and docs/stages.md, e.g. {@code int} or {@code append|merge}.
   */
  String displayName();

  /**
   * Reads the value at {@code path}.
   *
   * @throws ConfigException.WrongType or {@link ConfigException.BadValue} when the value does not
   *     fit
   */
  T read(Config config, String path);

  /** Renders a default value for docs, in HOCON syntax. */
  default String render(T value) {
    return String.valueOf(value);
  }

  /** True when any key below the option is allowed (free-form objects such as reader options). */
  default boolean freeForm() {
    return false;
  }

  OptionType<String> STRING = simple("string", Config::getString);
  OptionType<Integer> INT = simple("int", Config::getInt);
  OptionType<Long> LONG = simple("long", Config::getLong);
  OptionType<Double> DOUBLE = simple("double", Config::getDouble);
  OptionType<Boolean> BOOLEAN = simple("boolean", Config::getBoolean);
  OptionType<Duration> DURATION = simple("duration", Config::getDuration);
  OptionType<List<String>> STRING_LIST = simple("list<string>", Config::getStringList);

  /** The name of an entry under {@code connections}; validation checks that it exists. */
  OptionType<String> CONNECTION = simple("connection", Config::getString);

  /** A free-form object of string values, e.g. Spark reader options. */
  OptionType<Map<String, String>> STRING_MAP =
      new OptionType<>() {
        @Override
        public String displayName() {
          return "object";
        }

        @Override
        public Map<String, String> read(Config config, String path) {
          Config sub = config.getConfig(path);
          Map<String, String> out = new TreeMap<>();
          sub.entrySet()
              .forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
          for (var e : sub.entrySet()) {
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.LIST || t == ConfigValueType.OBJECT) {
              throw new ConfigException.WrongType(
                  e.getValue().origin(), path + "." + e.getKey(), "a string or number", t.name());
            }
          }
          return out;
        }

        @Override
        public boolean freeForm() {
          return true;
        }
      };

  /** A list of objects, each checked by the stage's own validation (e.g. data-quality checks). */
  OptionType<List<? extends Config>> OBJECT_LIST = simple("list<object>", Config::getConfigList);

  /**
   * An enum written in HOCON as lower case with dashes: {@code TRUNCATE_INSERT} is {@code
   * truncate-insert}.
   */
  static <E extends Enum<E>> OptionType<E> enumOf(Class<E> type) {
    return new OptionType<>() {
      @Override
      public String displayName() {
        return Arrays.stream(type.getEnumConstants())
            .map(OptionType::hoconName)
            .collect(Collectors.joining("|"));
      }

      @Override
      public E read(Config config, String path) {
        String raw = config.getString(path);
        for (E constant : type.getEnumConstants()) {
          if (hoconName(constant).equalsIgnoreCase(raw.trim())) {
            return constant;
          }
        }
        throw new ConfigException.BadValue(
            config.getValue(path).origin(),
            path,
            "expected one of " + displayName() + ", found '" + raw + "'");
      }

      @Override
      public String render(E value) {
        return hoconName(value);
      }
    };
  }

  static String hoconName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <T> OptionType<T> simple(String name, Reader<T> reader) {
    return new OptionType<>() {
      @Override
      public String displayName() {
        return name;
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
