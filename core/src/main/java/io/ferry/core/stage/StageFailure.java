package io.ferry.core.stage;

import static java.util.Objects.requireNonNull;

import io.ferry.core.option.StageOption;
import java.util.Optional;

/**
 * A classified stage failure: a {@link FailureCode} (with its {@link FailureKind}), a message a
 * user can act on, and, when the failure comes from a config value, the key of that value in the
 * stage. Throw it from {@link Stage#run}. The runner reports the code and the kind, prefixes the
 * message once with the stage's name, and, for a failure about a key, with the {@code file:line}
 * where the key is written; so the message itself names neither.
 *
 * <pre>{@code
 * throw StageFailure.about(
 *     "column-types." + column,
 *     StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
 *     "column-types names column '" + column + "', which the source does not return");
 * }</pre>
 *
 * Any other exception a stage throws is reported as {@link StandardFailureCode#INTERNAL_ERROR}.
 */
public class StageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FailureCode code;
  private final String key;

  public StageFailure(FailureCode code, String message) {
    this(code, null, message, null);
  }

  public StageFailure(FailureCode code, String message, Throwable cause) {
    this(code, null, message, cause);
  }

  protected StageFailure(FailureCode code, String key, String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.code = requireNonNull(code, "code");
    this.key = key;
  }

  /**
   * A failure that comes from the value at {@code key} of the stage: an option's name, or a key
   * below one such as {@code column-types.amount} or {@code expectations[2].column}.
   */
  public static StageFailure about(String key, FailureCode code, String message) {
    return new StageFailure(code, requireNonNull(key, "key"), message, null);
  }

  /** A failure that comes from the value of {@code option}. */
  public static StageFailure about(StageOption<?> option, FailureCode code, String message) {
    return about(option.name(), code, message);
  }

  public FailureCode code() {
    return code;
  }

  /** The key of the config value this failure comes from, when it comes from one. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
