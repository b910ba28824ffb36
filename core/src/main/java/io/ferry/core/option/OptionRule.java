package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A declared rule between options, checked by validation and listed in docs: exactly one of a set,
 * at most one of a set, or one option requiring another.
 */
public record OptionRule(Kind kind, List<StageOption<?>> options) {

  public enum Kind {
    EXACTLY_ONE_OF,
    AT_MOST_ONE_OF,
    REQUIRES
  }

  public OptionRule {
    requireNonNull(kind, "kind");
    options = List.copyOf(options);
    if (options.size() < 2) {
      throw new IllegalArgumentException("a rule needs at least two options");
    }
  }

  public static OptionRule exactlyOneOf(StageOption<?>... options) {
    return new OptionRule(Kind.EXACTLY_ONE_OF, List.of(options));
  }

  public static OptionRule atMostOneOf(StageOption<?>... options) {
    return new OptionRule(Kind.AT_MOST_ONE_OF, List.of(options));
  }

  /** When {@code option} is set, every one of {@code needed} must be set too. */
  public static OptionRule requires(StageOption<?> option, StageOption<?>... needed) {
    var all = new java.util.ArrayList<StageOption<?>>();
    all.add(option);
    all.addAll(List.of(needed));
    return new OptionRule(Kind.REQUIRES, all);
  }

  /** Checks the rule against which options are set; returns a message, or null when it holds. */
  public String check(Predicate<StageOption<?>> isSet) {
    long set = options.stream().filter(isSet).count();
    return switch (kind) {
      case EXACTLY_ONE_OF ->
          set == 1 ? null : "exactly one of " + names(options) + " must be set, found " + set;
      case AT_MOST_ONE_OF ->
          set <= 1 ? null : "at most one of " + names(options) + " may be set, found " + set;
      case REQUIRES -> {
        if (!isSet.test(options.get(0))) {
          yield null;
        }
        var missing = options.subList(1, options.size()).stream().filter(isSet.negate()).toList();
        yield missing.isEmpty()
            ? null
            : options.get(0).name() + " requires " + names(missing) + " to be set";
      }
    };
  }

  /** One line for docs. */
  public String describe() {
    return switch (kind) {
      case EXACTLY_ONE_OF -> "exactly one of " + names(options);
      case AT_MOST_ONE_OF -> "at most one of " + names(options);
      case REQUIRES ->
          options.get(0).name() + " requires " + names(options.subList(1, options.size()));
    };
  }

  private static String names(List<StageOption<?>> options) {
    return options.stream().map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));
  }
}
