package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.ferry.core.connection.ConnectionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one stage, read once by validation through their declarations: the stage gets
 * typed values ({@code SqlIdentifier}, enums, durations) and never parses config itself. Each value
 * keeps where it was written, for messages about it at run.
 */
public final class OptionValues {
  private final Map<String, Object> values;
  private final Map<String, String> writtenKeys;
  private final Config stage;
  private final Map<String, ConnectionSpec> connections;

  /**
   * Values of a stage in a job without connections.
   *
   * @param values the typed value of every option that is set, by option
   * @param writtenKeys the key each set option was written under, when it is a deprecated alias
   * @param stage the stage object as written, to locate values
   */
  public OptionValues(
      Map<StageOption<?>, Object> values, Map<StageOption<?>, String> writtenKeys, Config stage) {
    this(values, writtenKeys, stage, Map.of());
  }

  /**
   * @param connections the job's connections by name, for rules on what a connection option reaches
   *     ({@link OptionRule#whenConnection})
   */
  public OptionValues(
      Map<StageOption<?>, Object> values,
      Map<StageOption<?>, String> writtenKeys,
      Config stage,
      Map<String, ConnectionSpec> connections) {
    this.connections = Map.copyOf(connections);
    this.values = new HashMap<>();
    values.forEach((option, value) -> this.values.put(option.name(), value));
    this.writtenKeys = new HashMap<>();
    writtenKeys.forEach((option, key) -> this.writtenKeys.put(option.name(), key));
    this.stage = requireNonNull(stage, "stage");
  }

  /** The value, or the declared default; fails for an unset option without a default. */
  public <T> T get(StageOption<T> option) {
    return effective(option)
        .orElseThrow(() -> new IllegalStateException("option '" + option.name() + "' is not set"));
  }

  /** The value as written, without the default. */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> find(StageOption<T> option) {
    return Optional.ofNullable((T) values.get(option.name()));
  }

  public boolean isSet(StageOption<?> option) {
    return values.containsKey(option.name());
  }

  /**
   * The connection a connection option names, when the job defines it; empty when the option is
   * unset or names no connection.
   */
  public Optional<ConnectionSpec> connection(StageOption<String> option) {
    return find(option).map(connections::get);
  }

  /** The value as written, else the default, else empty. */
  <T> Optional<T> effective(StageOption<T> option) {
    return find(option).or(option::defaultValue);
  }

  /**
   * Where the option was written, for messages about its value at run: {@code jobs/x.conf:14}; the
   * stage's own location when it is unset.
   */
  public ConfigLocation location(StageOption<?> option) {
    return location(writtenKeys.getOrDefault(option.name(), option.name()));
  }

  /**
   * Where a key of the stage was written: an option, or a key below one such as {@code
   * column-types.amount} or {@code expectations[2].columns}. A key that is not written gives the
   * closest enclosing value's location.
   */
  public ConfigLocation location(String key) {
    ConfigValue value = locate(stage.root(), written(key));
    return ConfigLocation.of(value == stage.root() ? value.origin() : ConfigLocation.origin(value));
  }

  /** The key as written: a deprecated alias replaces the option's name at its start. */
  private String written(String key) {
    for (var e : writtenKeys.entrySet()) {
      String name = e.getKey();
      if (key.equals(name) || key.startsWith(name + ".") || key.startsWith(name + "[")) {
        return e.getValue() + key.substring(name.length());
      }
    }
    return key;
  }

  /** The value at a key path with list indexes ({@code a.b[2].c}), or the closest enclosing one. */
  static ConfigValue locate(ConfigObject root, String key) {
    ConfigValue current = root;
    for (String segment : segments(key)) {
      ConfigValue next = null;
      if (segment.startsWith("[") && current instanceof ConfigList list) {
        int i = Integer.parseInt(segment.substring(1, segment.length() - 1));
        next = i >= 0 && i < list.size() ? list.get(i) : null;
      } else if (!segment.startsWith("[") && current instanceof ConfigObject object) {
        next = object.get(segment);
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
    return current;
  }

  /** {@code a."b.c"[2].d} as {@code a}, {@code b.c}, {@code [2]}, {@code d}. */
  private static List<String> segments(String key) {
    List<String> out = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '.' || c == '[')) {
        if (name.length() > 0) {
          out.add(name.toString());
          name.setLength(0);
        }
        if (c == '[') {
          int end = key.indexOf(']', i);
          if (end < 0 || !key.substring(i + 1, end).matches("\\d+")) {
            name.append(key, i, key.length());
            break;
          }
          out.add(key.substring(i, end + 1));
          i = end;
        }
      } else {
        name.append(c);
      }
    }
    if (name.length() > 0) {
      out.add(name.toString());
    }
    return out;
  }
}
