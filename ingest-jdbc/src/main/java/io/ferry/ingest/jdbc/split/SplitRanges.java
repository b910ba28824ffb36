package io.ferry.ingest.jdbc.split;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns boundaries into partition predicates, and cuts a range into equal-width boundaries. Pure
 * functions: no database involved.
 */
public final class SplitRanges {
  private SplitRanges() {}

  /**
   * Boundaries that cut {@code [min, max]} into at most {@code parts} equal-width ranges: each
   * strictly above {@code min} and below or at {@code max}, ascending, without repeats. Steps round
   * up to the column's unit, so a narrow integer range still gets one partition per value.
   */
  public static List<Object> evenBoundaries(
      SplitColumnType type, Object min, Object max, int parts, int scale) {
    BigDecimal low = type.ordinal(min);
    BigDecimal width = type.ordinal(max).subtract(low);
    List<Object> boundaries = new ArrayList<>();
    for (int i = 1; i < parts; i++) {
      BigDecimal step =
          width
              .multiply(BigDecimal.valueOf(i))
              .divide(BigDecimal.valueOf(parts), 12, RoundingMode.CEILING);
      Object boundary = type.fromOrdinal(low.add(step), scale);
      boolean aboveMin = type.ordinal(boundary).compareTo(low) > 0;
      boolean fresh = boundaries.isEmpty() || !Objects.equals(last(boundaries), boundary);
      if (aboveMin && fresh) {
        boundaries.add(boundary);
      }
    }
    return boundaries;
  }

  /**
   * One predicate per range between consecutive boundaries: {@code col < b1 OR col IS NULL}, {@code
   * col >= b1 AND col < b2}, ..., {@code col >= bn}. No boundaries means one partition, no
   * predicate.
   */
  public static List<Optional<String>> predicates(SplitColumn column, List<Object> boundaries) {
    List<Object> distinct = new ArrayList<>();
    for (Object b : boundaries) {
      if (b != null && (distinct.isEmpty() || !Objects.equals(last(distinct), b))) {
        distinct.add(b);
      }
    }
    if (distinct.isEmpty()) {
      return List.of(Optional.empty());
    }
    String c = column.reference();
    SplitColumnType type = column.type();
    List<Optional<String>> predicates = new ArrayList<>();
    predicates.add(
        Optional.of(c + " < " + type.literal(distinct.get(0)) + " OR " + c + " IS NULL"));
    for (int i = 1; i < distinct.size(); i++) {
      predicates.add(
          Optional.of(
              c
                  + " >= "
                  + type.literal(distinct.get(i - 1))
                  + " AND "
                  + c
                  + " < "
                  + type.literal(distinct.get(i))));
    }
    predicates.add(Optional.of(c + " >= " + type.literal(last(distinct))));
    return predicates;
  }

  private static Object last(List<Object> list) {
    return list.get(list.size() - 1);
  }
}
