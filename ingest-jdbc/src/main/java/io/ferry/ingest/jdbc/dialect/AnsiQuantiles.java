package io.ferry.ingest.jdbc.dialect;

/** Quantile boundaries through the standard {@code NTILE} window function. */
final class AnsiQuantiles {
  private AnsiQuantiles() {}

  /** The largest value of every bucket but the last, ascending: the split boundaries. */
  static String query(String values, int parts) {
    return "SELECT max(ferry_v) FROM (SELECT ferry_v, NTILE("
        + parts
        + ") OVER (ORDER BY ferry_v) AS ferry_b FROM ("
        + values
        + "\n) ferry_q WHERE ferry_v IS NOT NULL) ferry_t GROUP BY ferry_b HAVING ferry_b < "
        + parts
        + " ORDER BY ferry_b";
  }
}
