package io.ferry.models.metadata;

import static java.util.Objects.requireNonNull;

/**
 * One input column a model needs.
 *
 * @param name the column name
 * @param kind {@code numeric} (any Spark numeric type or boolean) or {@code categorical} (a string
 *     column, one-hot encoded by the model)
 */
public record Feature(String name, Kind kind) {

  /** How a feature enters the model, which decides the input types it accepts. */
  public enum Kind {
    NUMERIC,
    CATEGORICAL;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Feature {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
  }
}
