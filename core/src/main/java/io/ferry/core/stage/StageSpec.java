package io.ferry.core.stage;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigOrigin;
import io.ferry.core.option.OptionValues;
import java.util.Optional;

/**
 * A validated stage entry from the job file: its name, type, input and options. Immutable; the
 * runner hands it to {@link StageFactory#create}.
 *
 * @param index position in {@code stages}, from 0
 * @param input the dataset this stage reads, when it reads one; defaults to the previous stage
 */
public record StageSpec(
    int index,
    String name,
    String type,
    Optional<String> input,
    String description,
    OptionValues options,
    ConfigOrigin origin) {

  public StageSpec {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(input, "input");
    requireNonNull(description, "description");
    requireNonNull(options, "options");
  }

  /** The key path of this stage in the job file, e.g. {@code stages[2]}. */
  public String path() {
    return "stages[" + index + "]";
  }
}
