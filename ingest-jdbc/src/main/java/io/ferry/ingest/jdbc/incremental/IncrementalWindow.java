package io.ferry.ingest.jdbc.incremental;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The rows one incremental run imports, and the watermark to commit when the run succeeds.
 *
 * @param conditions predicates on the source selecting the window
 * @param nextWatermark the value to commit; empty leaves the watermark as it is
 * @param description the window in words, for the log and the run report
 */
public record IncrementalWindow(
    List<String> conditions, Optional<String> nextWatermark, String description) {
  public IncrementalWindow {
    conditions = List.copyOf(conditions);
    requireNonNull(nextWatermark, "nextWatermark");
    requireNonNull(description, "description");
  }
}
