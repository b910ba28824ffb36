package io.ferry.ingest.jdbc.incremental;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.time.Duration;

/**
 * A stage's {@code incremental} block.
 *
 * @param mode append or lastmodified
 * @param column the column compared with the watermark
 * @param lookback how far before the watermark a lastmodified import starts, for rows whose
 *     timestamps were set by transactions that committed late
 */
public record IncrementalSpec(IncrementalMode mode, SqlIdentifier column, Duration lookback) {
  public IncrementalSpec {
    requireNonNull(mode, "mode");
    requireNonNull(column, "column");
    requireNonNull(lookback, "lookback");
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("lookback cannot be negative");
    }
  }
}
