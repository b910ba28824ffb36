package io.ferry.ingest.jdbc.split;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.Optional;

/**
 * A stage's split options as configured.
 *
 * @param splitBy the split column; when empty the planner falls back to an integer primary key
 * @param partitions the number of partitions, also the cap on concurrent source connections
 * @param strategy how to cut the column's range
 * @param boundaryQuery a SELECT returning one row: the minimum and maximum to split between
 * @param predicates explicit partition predicates instead of a split column
 * @param allowText whether a text column may be split on
 */
public record SplitSettings(
    Optional<SqlIdentifier> splitBy,
    int partitions,
    SplitStrategy strategy,
    Optional<String> boundaryQuery,
    List<String> predicates,
    boolean allowText) {
  public SplitSettings {
    requireNonNull(splitBy, "splitBy");
    requireNonNull(strategy, "strategy");
    requireNonNull(boundaryQuery, "boundaryQuery");
    predicates = List.copyOf(predicates);
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
  }
}
