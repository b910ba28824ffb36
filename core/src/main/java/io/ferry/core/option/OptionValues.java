package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import java.util.Optional;

/**
 * The options of one stage as written in the job file, read through their declarations. Values were
 * type-checked by validation, so reads here do not fail for a validated job.
 */
public final class OptionValues {
  private final Config config;

  public OptionValues(Config config) {
    this.config = requireNonNull(config, "config");
  }

  /** The value, or the declared default; fails for an unset option without a default. */
  public <T> T get(StageOption<T> option) {
    return find(option)
        .or(option::defaultValue)
        .orElseThrow(() -> new IllegalStateException("option '" + option.name() + "' is not set"));
  }

  /** The value as written, without the default. */
  public <T> Optional<T> find(StageOption<T> option) {
    return isSet(option)
        ? Optional.of(option.type().read(config, option.name()))
        : Optional.empty();
  }

  public boolean isSet(StageOption<?> option) {
    return config.hasPath(option.name());
  }
}
