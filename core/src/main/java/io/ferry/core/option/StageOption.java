package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One declared option of a stage type: its name (a HOCON path inside the stage object, e.g. {@code
 * split-by} or {@code incremental.column}), type, default, whether it is required, and a
 * description. Validation, {@code ferry stages} and docs/stages.md all come from this declaration.
 *
 * <p>Declare options as constants and build them with the static factories:
 *
 * <pre>{@code
 * static final StageOption<Integer> PARTITIONS =
 *     StageOption.integer("partitions", "Parallel reads, also the cap on source connections.")
 *         .withDefault(4);
 * }</pre>
 */
public record StageOption<T>(
    String name,
    OptionType<T> type,
    String description,
    boolean required,
    Optional<T> defaultValue) {

  public StageOption {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
    requireNonNull(defaultValue, "defaultValue");
    if (required && defaultValue.isPresent()) {
      throw new IllegalArgumentException(
          "option " + name + " cannot be required and have a default");
    }
  }

  /** A builder-stage option: finish with {@link Draft#required()}, optional() or withDefault(). */
  public record Draft<T>(String name, OptionType<T> type, String description) {
    public StageOption<T> required() {
      return new StageOption<>(name, type, description, true, Optional.empty());
    }

    public StageOption<T> optional() {
      return new StageOption<>(name, type, description, false, Optional.empty());
    }

    public StageOption<T> withDefault(T value) {
      return new StageOption<>(name, type, description, false, Optional.of(value));
    }
  }

  public static <T> Draft<T> of(String name, OptionType<T> type, String description) {
    return new Draft<>(name, type, description);
  }

  public static Draft<String> string(String name, String description) {
    return of(name, OptionType.STRING, description);
  }

  public static Draft<Integer> integer(String name, String description) {
    return of(name, OptionType.INT, description);
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

  public static <E extends Enum<E>> Draft<E> enumOf(
      String name, Class<E> type, String description) {
    return of(name, OptionType.enumOf(type), description);
  }

  /** The default rendered for docs, or empty. */
  public Optional<String> renderedDefault() {
    return defaultValue.map(type::render);
  }
}
