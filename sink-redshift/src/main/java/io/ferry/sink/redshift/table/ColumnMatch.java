package io.ferry.sink.redshift.table;

import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Input columns matched by name to the target table's columns: exactly, else ignoring case when
 * that is unambiguous. Target columns the input lacks get their defaults.
 */
public final class ColumnMatch {
  private ColumnMatch() {}

  /**
   * The target's column names for the input columns, in input order.
   *
   * @throws IllegalArgumentException listing every input column without a target column, and the
   *     target's columns
   */
  public static List<String> targetColumns(List<String> input, TargetTable target) {
    List<String> matched = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String column : input) {
      Optional<String> match = match(column, target.columns());
      if (match.isEmpty()) {
        missing.add(column);
      } else if (matched.contains(match.get())) {
        throw new StageFailure(
            StandardFailureCode.DATA_INVALID,
            "two input columns match column '" + match.get() + "' of table " + target.name());
      } else {
        matched.add(match.get());
      }
    }
    if (!missing.isEmpty()) {
      throw new StageFailure(
          StandardFailureCode.DATA_INVALID,
          "input columns "
              + missing
              + " are not in table "
              + target.name().quoted()
              + ", which has "
              + target.columns()
              + "; rename or drop them in an earlier stage, add them to the table, or set"
              + " schema-evolution = add-columns");
    }
    return matched;
  }

  /** The input columns that match no target column, in input order. */
  public static List<String> unmatched(List<String> input, TargetTable target) {
    return input.stream().filter(c -> match(c, target.columns()).isEmpty()).toList();
  }

  /** The target's name for one input column, exactly or ignoring case when unambiguous. */
  public static Optional<String> match(String column, TargetTable target) {
    return match(column, target.columns());
  }

  private static Optional<String> match(String column, List<String> targets) {
    if (targets.contains(column)) {
      return Optional.of(column);
    }
    List<String> folded = targets.stream().filter(t -> t.equalsIgnoreCase(column)).toList();
    return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
  }
}
