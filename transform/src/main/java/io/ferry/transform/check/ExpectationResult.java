package io.ferry.transform.check;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one expectation went.
 *
 * @param index position in {@code expectations}
 * @param failing failing rows (for {@code unique}: duplicated keys; for a query: rows returned; for
 *     {@code row-count}: 1 when the count is out of bounds)
 * @param observed the figure checked: rows for row-count, else the failing count
 * @param samples a few failing rows, column name to value as text
 */
public record ExpectationResult(
    int index,
    Expectation expectation,
    long failing,
    long observed,
    List<Map<String, String>> samples) {

  public ExpectationResult {
    requireNonNull(expectation, "expectation");
    samples = List.copyOf(samples);
  }

  public boolean passed() {
    return failing == 0;
  }

  /** {@code passed}, {@code failed} (level fail) or {@code warned} (level warn). */
  public String status() {
    if (passed()) {
      return "passed";
    }
    return expectation.level() == Level.FAIL ? "failed" : "warned";
  }

  /** The entry for the run report. */
  public Map<String, Object> toReport() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("expectation", expectation.label());
    expectation.description().ifPresent(d -> m.put("description", d));
    m.put("level", expectation.level().name().toLowerCase());
    m.put("status", status());
    if (expectation instanceof Expectation.RowCount) {
      m.put("rows", observed);
    } else {
      m.put("failing", failing);
    }
    if (!samples.isEmpty()) {
      m.put("samples", samples);
    }
    return m;
  }
}
