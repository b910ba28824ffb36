package io.ferry.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Figures a stage records for the run report. Rows are known only where a stage materialises data:
 * a lazy {@code sql} stage has none, its rows are counted by the stage that consumes it.
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
