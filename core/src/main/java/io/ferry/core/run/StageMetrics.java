package io.ferry.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Figures a stage records for the run report. A stage that materialises data records its rows; when
 * a stage returns an output without recording {@link #rowsOut}, the runner counts the rows later
 * stages read from that output, without running a query of its own.
 */
public final class StageMetrics {
  private Long rowsIn;
  private Long rowsOut;
  private final Map<String, Object> values = new LinkedHashMap<>();

  public void rowsIn(long rows) {
    this.rowsIn = rows;
  }

  public void rowsOut(long rows) {
    this.rowsOut = rows;
  }

  /** A named figure (number, string, boolean, or a small map/list of those). */
  public void put(String key, Object value) {
    values.put(key, value);
  }

  public OptionalLong rowsIn() {
    return rowsIn == null ? OptionalLong.empty() : OptionalLong.of(rowsIn);
  }

  public OptionalLong rowsOut() {
    return rowsOut == null ? OptionalLong.empty() : OptionalLong.of(rowsOut);
  }

  public Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }
}
