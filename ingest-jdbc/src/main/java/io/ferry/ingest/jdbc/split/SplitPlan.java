package io.ferry.ingest.jdbc.split;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How one read is cut into partitions: one predicate per partition (empty for a single partition
 * that reads everything). The predicates together cover every row exactly once, rows whose split
 * value is NULL included (they go to the first partition).
 *
 * @param predicates one per partition; an empty optional reads the whole source
 * @param description how the plan came about, for the log and the run report
 */
public record SplitPlan(List<Optional<String>> predicates, String description) {
  public SplitPlan {
    predicates = List.copyOf(predicates);
    requireNonNull(description, "description");
    if (predicates.isEmpty()) {
      throw new IllegalArgumentException("a split plan has at least one partition");
    }
  }

  /** One partition reading everything. */
  public static SplitPlan single(String why) {
    return new SplitPlan(List.of(Optional.empty()), why);
  }

  public int partitions() {
    return predicates.size();
  }
}
