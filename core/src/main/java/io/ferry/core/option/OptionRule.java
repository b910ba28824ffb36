package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A declared rule between options, checked by validation and listed in docs/stages.md: exactly one
 * of a set, at most one of a set, or a conditional rule in the style of SeaTunnel's {@code
 * OptionRule.conditional}:
 *
 * <pre>{@code
 * OptionRule.when(MODE, LoadMode.MERGE).requires(MERGE_KEYS)
 * OptionRule.when(DIALECT, Dialect.POSTGRES).forbids(IAM_ROLE, SLICES)
 * OptionRule.when(DIALECT, Dialect.POSTGRES).allows(STAGING_FORMAT, BINARY, CSV)
 * OptionRule.whenSet(BOUNDARY_QUERY).requires(SPLIT_BY)
 * OptionRule.when(DIALECT, REDSHIFT).and(AUTHORIZATION, IAM_ROLE).requires(IAM_ROLE)
 * OptionRule.whenConnection(CONNECTION, "postgresql").forbids(IAM_ROLE)
 * }</pre>
 *
 * A condition on a value compares the option's effective value (its default when unset); a
 * condition on a connection option compares the subprotocol of the URL of the connection it names
 * ({@code jdbc:postgresql:...} is {@code postgresql}), and does not hold when the job defines no
 * such connection. A rule whose condition does not hold says nothing.
 *
 * @param when conditions that must all hold for the rule to apply; empty for unconditional rules
 * @param options the options the rule is about
 * @param allowed for {@link Kind#ALLOWS}, the values the single option may take
 */
public record OptionRule(
    List<Condition> when, Kind kind, List<StageOption<?>> options, List<?> allowed) {

  public enum Kind {
    EXACTLY_ONE_OF,
    AT_MOST_ONE_OF,
    REQUIRES,
    FORBIDS,
    ALLOWS
  }

  public OptionRule {
    when = List.copyOf(when);
    requireNonNull(kind, "kind");
    options = List.copyOf(options);
    allowed = List.copyOf(allowed);
    int minimum = kind == Kind.EXACTLY_ONE_OF || kind == Kind.AT_MOST_ONE_OF ? 2 : 1;
    if (options.size() < minimum) {
      throw new IllegalArgumentException(kind + " needs at least " + minimum + " options");
    }
    if ((kind == Kind.ALLOWS) != !allowed.isEmpty()) {
      throw new IllegalArgumentException("allowed values go with ALLOWS, and only with it");
    }
    if (kind != Kind.EXACTLY_ONE_OF && kind != Kind.AT_MOST_ONE_OF && when.isEmpty()) {
      throw new IllegalArgumentException(kind + " needs a condition");
    }
  }

  /**
   * One condition of a rule: the option is set ({@code values} empty), or its effective value is
   * one of {@code values}; or, with {@code onConnectionUrl}, the connection the option names has a
   * URL whose subprotocol is one of {@code values}.
   */
  public record Condition(StageOption<?> option, List<?> values, boolean onConnectionUrl) {
    public Condition {
      requireNonNull(option, "option");
      values = List.copyOf(values);
      if (onConnectionUrl && (option.type() != OptionType.CONNECTION || values.isEmpty())) {
        throw new IllegalArgumentException(
            "a condition on a connection's URL needs a connection option and subprotocols");
      }
    }

    public Condition(StageOption<?> option, List<?> values) {
      this(option, values, false);
    }

    @SuppressWarnings("unchecked")
    boolean holds(OptionValues options) {
      if (onConnectionUrl) {
        return options
            .connection((StageOption<String>) option)
            .map(c -> values.contains(c.subprotocol()))
            .orElse(false);
      }
      if (values.isEmpty()) {
        return options.isSet(option);
      }
      return options.effective(option).map(values::contains).orElse(false);
    }

    String describe() {
      if (onConnectionUrl) {
        return option.name()
            + " is "
            + values.stream().map(v -> "jdbc:" + v + ":").collect(Collectors.joining(" or "));
      }
      return values.isEmpty()
          ? "'" + option.name() + "' is set"
          : option.name() + " = " + OptionRule.render(option, values, " or ");
    }

    boolean isSetCondition() {
      return values.isEmpty();
    }
  }

  /** The start of a conditional rule; finish it with requires, forbids or allows. */
  public record When(List<Condition> conditions) {
    public When {
      conditions = List.copyOf(conditions);
    }

    /** Adds a condition that must hold too. */
    @SafeVarargs
    public final <T> When and(StageOption<T> option, T... values) {
      List<Condition> all = new ArrayList<>(conditions);
      all.add(new Condition(option, List.of(values)));
      return new When(all);
    }

    /** When the condition holds, every one of {@code options} must be set. */
    public OptionRule requires(StageOption<?>... options) {
      return new OptionRule(conditions, Kind.REQUIRES, List.of(options), List.of());
    }

    /** When the condition holds, none of {@code options} may be set. */
    public OptionRule forbids(StageOption<?>... options) {
      return new OptionRule(conditions, Kind.FORBIDS, List.of(options), List.of());
    }

    /** When the condition holds, {@code option}'s effective value must be one of {@code values}. */
    @SafeVarargs
    public final <T> OptionRule allows(StageOption<T> option, T... values) {
      if (values.length == 0) {
        throw new IllegalArgumentException("allows needs at least one value");
      }
      return new OptionRule(conditions, Kind.ALLOWS, List.of(option), List.of(values));
    }
  }

  /** A rule that applies when {@code option}'s effective value is one of {@code values}. */
  @SafeVarargs
  public static <T> When when(StageOption<T> option, T... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("when needs at least one value; use whenSet");
    }
    return new When(List.of(new Condition(option, List.of(values))));
  }

  /**
   * A rule that applies when the connection that {@code connection} names has a URL of one of
   * {@code subprotocols}: {@code whenConnection(CONNECTION, "redshift")} holds for {@code
   * jdbc:redshift://} and {@code jdbc:redshift:iam://} connections.
   */
  public static When whenConnection(StageOption<String> connection, String... subprotocols) {
    return new When(List.of(new Condition(connection, List.of(subprotocols), true)));
  }

  /** A rule that applies when {@code option} is set. */
  public static When whenSet(StageOption<?> option) {
    return new When(List.of(new Condition(option, List.of())));
  }

  public static OptionRule exactlyOneOf(StageOption<?>... options) {
    return new OptionRule(List.of(), Kind.EXACTLY_ONE_OF, List.of(options), List.of());
  }

  public static OptionRule atMostOneOf(StageOption<?>... options) {
    return new OptionRule(List.of(), Kind.AT_MOST_ONE_OF, List.of(options), List.of());
  }

  /** When {@code option} is set, every one of {@code needed} must be set too. */
  public static OptionRule requires(StageOption<?> option, StageOption<?>... needed) {
    return whenSet(option).requires(needed);
  }

  /** A broken rule: what is wrong, and the option whose line it points at (empty: the stage's). */
  public record Violation(Optional<StageOption<?>> at, String message) {
    public Violation {
      requireNonNull(at, "at");
      requireNonNull(message, "message");
    }
  }

  /** Checks the rule against a stage's validated values. */
  public List<Violation> check(OptionValues values) {
    if (!when.stream().allMatch(c -> c.holds(values))) {
      return List.of();
    }
    List<StageOption<?>> set = options.stream().filter(values::isSet).toList();
    return switch (kind) {
      case EXACTLY_ONE_OF ->
          set.size() == 1
              ? List.of()
              : List.of(
                  new Violation(
                      second(set),
                      "exactly one of " + names(options) + " must be set, found " + set.size()));
      case AT_MOST_ONE_OF ->
          set.size() <= 1
              ? List.of()
              : List.of(
                  new Violation(
                      second(set),
                      "at most one of " + names(options) + " may be set, found " + set.size()));
      case REQUIRES -> {
        List<StageOption<?>> missing = options.stream().filter(o -> !values.isSet(o)).toList();
        yield missing.isEmpty()
            ? List.of()
            : List.of(new Violation(writtenCondition(values), requirement(missing) + " to be set"));
      }
      case FORBIDS ->
          set.stream()
              .map(
                  o ->
                      new Violation(
                          Optional.of(o),
                          "'" + o.name() + "' does not apply when " + condition() + "; remove it"))
              .toList();
      case ALLOWS -> {
        StageOption<?> option = options.get(0);
        Optional<?> value = values.effective(option);
        yield value.isEmpty() || allowed.contains(value.get())
            ? List.of()
            : List.of(
                new Violation(
                    Optional.of(option),
                    option.name()
                        + " = "
                        + render(option, List.of(value.get()), "")
                        + " does not apply when "
                        + condition()
                        + "; use "
                        + render(option, allowed, " or ")));
      }
    };
  }

  /**
   * Where a conflict between set options points: the second one set, in declaration order (the one
   * to remove, for a user who meant the first); the stage itself when fewer than two are set.
   */
  private static Optional<StageOption<?>> second(List<StageOption<?>> set) {
    return set.size() >= 2 ? Optional.of(set.get(1)) : Optional.empty();
  }

  /**
   * Where a missing requirement points: the first condition's option that the stage sets (the line
   * that asked for the requirement), a condition on a value before one on a connection's URL; the
   * stage itself when the rule holds through defaults only.
   */
  private Optional<StageOption<?>> writtenCondition(OptionValues values) {
    return when.stream()
        .sorted(Comparator.comparing(Condition::onConnectionUrl))
        .<StageOption<?>>map(Condition::option)
        .filter(values::isSet)
        .findFirst();
  }

  /** One line for docs. */
  public String describe() {
    return switch (kind) {
      case EXACTLY_ONE_OF -> "exactly one of " + names(options);
      case AT_MOST_ONE_OF -> "at most one of " + names(options);
      case REQUIRES -> requirement(options);
      case FORBIDS -> "when " + condition() + ", " + names(options) + " must not be set";
      case ALLOWS ->
          "when "
              + condition()
              + ", "
              + options.get(0).name()
              + " is "
              + render(options.get(0), allowed, " or ");
    };
  }

  /** {@code boundary-query requires 'split-by'}, or {@code mode = merge requires 'merge-keys'}. */
  private String requirement(List<StageOption<?>> needed) {
    String subject =
        when.stream().allMatch(Condition::isSetCondition)
            ? when.stream().map(c -> c.option().name()).collect(Collectors.joining(" and "))
            : condition();
    return subject + " requires " + names(needed);
  }

  private String condition() {
    return when.stream().map(Condition::describe).collect(Collectors.joining(" and "));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String render(StageOption<?> option, List<?> values, String separator) {
    OptionType type = option.type();
    return values.stream().map(v -> type.render(v)).collect(Collectors.joining(separator));
  }

  private static String names(List<StageOption<?>> options) {
    return options.stream().map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return describe();
  }
}
