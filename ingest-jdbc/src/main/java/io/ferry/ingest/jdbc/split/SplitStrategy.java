package io.ferry.ingest.jdbc.split;

/** How a split column's range is cut into partitions. */
public enum SplitStrategy {
  /** Equal-width ranges between the minimum and the maximum: best for evenly spread keys. */
  RANGE,
  /** Ranges holding equal numbers of rows, cut at the column's quantiles: best for skewed keys. */
  QUANTILE
}
