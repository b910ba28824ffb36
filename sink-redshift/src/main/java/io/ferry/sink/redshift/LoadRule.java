package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One validation rule of a {@code redshift-load} stage: when a condition on the stage's options and
 * warehouse holds, problems with one option. The factory lists its rules in one place; their shape,
 * {@code when(condition).requires(option)}, is that of core's conditional option rules.
 *
 * @param option the option a problem is reported on
 * @param problems the rule's problems for the stage, each a sentence; empty when it holds
 */
record LoadRule(StageOption<?> option, Function<Facts, List<String>> problems) {

  LoadRule {
    requireNonNull(option, "option");
    requireNonNull(problems, "problems");
  }

  void apply(Facts facts, StageProblems out) {
    problems.apply(facts).forEach(p -> out.add(option, p));
  }

  /** A rule that always applies. */
  static LoadRule always(StageOption<?> option, Function<Facts, List<String>> problems) {
    return new LoadRule(option, problems);
  }

  static When when(Predicate<Facts> condition) {
    return new When(condition);
  }

  static Predicate<Facts> warehouseIs(String name) {
    return f -> f.warehouse().equals(Optional.of(name));
  }

  /** Each option, when set, must be at least 1. */
  static LoadRule positive(StageOption<Integer> option) {
    return always(
        option,
        f ->
            f.options().isSet(option) && f.options().get(option) < 1
                ? List.of("must be at least 1, found " + f.options().get(option))
                : List.of());
  }

  /** The condition half of a rule. */
  record When(Predicate<Facts> condition) {

    LoadRule requires(StageOption<?> option, String message) {
      return check(option, f -> !f.options().isSet(option), message);
    }

    LoadRule refuses(StageOption<?> option, String message) {
      return check(option, f -> f.options().isSet(option), message);
    }

    LoadRule check(StageOption<?> option, Predicate<Facts> fails, String message) {
      return each(option, f -> fails.test(f) ? List.of(message) : List.of());
    }

    LoadRule each(StageOption<?> option, Function<Facts, List<String>> problems) {
      return new LoadRule(option, f -> condition.test(f) ? problems.apply(f) : List.<String>of());
    }
  }

  /**
   * What the rules look at.
   *
   * @param connection the stage's connection, when the job defines it
   * @param warehouse the warehouse the connection's URL reaches, else the one {@code dialect} names
   */
  record Facts(
      OptionValues options, Optional<ConnectionSpec> connection, Optional<String> warehouse) {

    static Facts of(
        StageSpec spec, StageOption<String> connectionOption, StageOption<String> dialect) {
      OptionValues options = spec.options();
      Optional<ConnectionSpec> connection =
          Optional.ofNullable(spec.connections().get(options.get(connectionOption)));
      Optional<String> warehouse =
          connection.flatMap(c -> Warehouse.nameOf(c.url())).or(() -> options.find(dialect));
      return new Facts(options, connection, warehouse);
    }
  }
}
