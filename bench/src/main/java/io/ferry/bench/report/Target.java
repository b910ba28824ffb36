package io.ferry.bench.report;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A goal from the issue for a ratio: met when the ratio is at most {@code goal}. Some goals have a
 * looser bar that must hold even when the goal is missed.
 *
 * @param goal the ratio to reach, e.g. 1.5
 * @param bar the ratio that must never be passed, when the issue gives one
 */
public record Target(double goal, OptionalDouble bar) {

  public Target {
    if (!(goal > 0)) {
      throw new IllegalArgumentException("a target's goal must be positive, found " + goal);
    }
    if (bar.isPresent() && bar.getAsDouble() < goal) {
      throw new IllegalArgumentException("a target's bar must not be below its goal");
    }
  }

  public static Target atMost(double goal) {
    return new Target(goal, OptionalDouble.empty());
  }

  public static Target atMost(double goal, double bar) {
    return new Target(goal, OptionalDouble.of(bar));
  }

  /** e.g. {@code ≤ 1.50× (bar 2.00×)}. */
  public String text() {
    return String.format(Locale.ROOT, "≤ %.2f×", goal)
        + (bar.isPresent() ? String.format(Locale.ROOT, " (bar %.2f×)", bar.getAsDouble()) : "");
  }

  /** {@code met}, {@code missed} or {@code missed, within the bar}. */
  public String verdict(double value) {
    if (value <= goal) {
      return "met";
    }
    return bar.isPresent() && value <= bar.getAsDouble() ? "missed, within the bar" : "missed";
  }
}
