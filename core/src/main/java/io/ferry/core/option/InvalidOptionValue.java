package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.util.List;

/**
 * A value of the right shape that breaks its option's type: an SQL name that does not parse, an
 * integer out of its bounds, an unknown enum constant. Thrown by {@link OptionType#read} with every
 * fault found in the value (a list may hold several); validation turns each into a problem at its
 * own line.
 */
public final class InvalidOptionValue extends ConfigException.BadValue {
  private static final long serialVersionUID = 1L;

  private final transient List<Fault> faults;

  /**
   * One fault in a value.
   *
   * @param key the key the fault is about, relative to the stage: the option's name, or a key below
   *     it such as {@code column-types.amount}
   * @param reason what is wrong, for users (no location, no key)
   */
  public record Fault(ConfigOrigin origin, String key, String reason) {
    public Fault {
      requireNonNull(key, "key");
      requireNonNull(reason, "reason");
    }
  }

  public InvalidOptionValue(ConfigOrigin origin, String key, String reason) {
    this(List.of(new Fault(origin, key, reason)));
  }

  /**
   * @param faults at least one
   */
  public InvalidOptionValue(List<Fault> faults) {
    super(faults.get(0).origin(), faults.get(0).key(), faults.get(0).reason());
    this.faults = List.copyOf(faults);
  }

  public List<Fault> faults() {
    return faults;
  }
}
