package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.ingest.jdbc.incremental.IncrementalWindow;
import io.ferry.ingest.jdbc.types.SourceColumn;
import io.ferry.ingest.jdbc.types.TypeMapping;
import java.util.List;
import java.util.Optional;

/**
 * Everything the driver decided before any row moves: the SELECT of each partition, the source's
 * columns and their Spark types, the query that counts the source's rows under the same predicates
 * (the stage runs it: {@code JdbcIngestStage}), and the incremental window.
 *
 * @param selects one SELECT per partition
 * @param columns the source's columns
 * @param types the Spark types Ferry sets
 * @param countQuery the query that counts the rows (or, with a merge key, the distinct keys) the
 *     source holds for this read
 * @param consistent whether every partition reads the planner's snapshot, which the count reads too
 * @param split how the partitions were planned, in words
 * @param window the incremental window, when the stage is incremental
 */
public record ReadPlan(
    List<String> selects,
    List<SourceColumn> columns,
    TypeMapping.Mapped types,
    String countQuery,
    boolean consistent,
    String split,
    Optional<IncrementalWindow> window) {
  public ReadPlan {
    selects = List.copyOf(selects);
    columns = List.copyOf(columns);
    requireNonNull(types, "types");
    requireNonNull(countQuery, "countQuery");
    requireNonNull(split, "split");
    requireNonNull(window, "window");
  }
}
