package io.ferry.bench.report;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One ratio a comparison found, e.g. "ingest stage ÷ COPY-out limit, mixed".
 *
 * @param label what is divided by what
 * @param value the ratio; empty when a way failed
 * @param target the goal for it, if any
 * @param unit {@code ×} for ratios, {@code s} for the few absolute targets (validate ≤ 1 s)
 */
public record Ratio(String label, OptionalDouble value, Optional<Target> target, String unit) {

  public Ratio {
    requireNonNull(label, "label");
    requireNonNull(value, "value");
    requireNonNull(target, "target");
    requireNonNull(unit, "unit");
  }

  /** {@code numerator ÷ denominator}, empty when either is. */
  public static Ratio of(String label, OptionalDouble numerator, OptionalDouble denominator) {
    OptionalDouble value =
        numerator.isPresent() && denominator.isPresent() && denominator.getAsDouble() > 0
            ? OptionalDouble.of(numerator.getAsDouble() / denominator.getAsDouble())
            : OptionalDouble.empty();
    return new Ratio(label, value, Optional.empty(), "×");
  }

  /** A time in seconds held against an absolute goal. */
  public static Ratio seconds(String label, OptionalDouble seconds, Target target) {
    return new Ratio(label, seconds, Optional.of(target), "s");
  }

  public Ratio against(Target goal) {
    return new Ratio(label, value, Optional.of(goal), unit);
  }

  /** e.g. {@code 1.23×}, or {@code n/a} when a way failed. */
  public String valueText() {
    return value.isPresent()
        ? String.format(Locale.ROOT, "%.2f%s", value.getAsDouble(), unit.equals("×") ? "×" : " s")
        : "n/a";
  }

  /** The target's text with the unit, e.g. {@code ≤ 6.00 s}. */
  public String targetText() {
    return target.map(t -> unit.equals("×") ? t.text() : t.text().replace("×", " s")).orElse("");
  }

  /** {@code met}, {@code missed}, ... or {@code not measured}. */
  public String verdict() {
    if (target.isEmpty()) {
      return "";
    }
    return value.isPresent() ? target.get().verdict(value.getAsDouble()) : "not measured";
  }
}
