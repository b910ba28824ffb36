package io.ferry.ingest.jdbc.split;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.core.sql.SqlIdentifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SplitRangesTest {

  @Test
  void integerRangesAreEvenAndNeverRepeatABoundary() {
    assertEquals(
        List.of(25L, 50L, 75L),
        SplitRanges.evenBoundaries(SplitColumnType.INTEGER, 0L, 100L, 4, 0));
    assertEquals(
        List.of(1L, 2L), SplitRanges.evenBoundaries(SplitColumnType.INTEGER, 0L, 2L, 8, 0));
    assertEquals(List.of(), SplitRanges.evenBoundaries(SplitColumnType.INTEGER, 5L, 5L, 4, 0));
    assertEquals(
        List.of(-4611686018427387904L, 0L, 4611686018427387904L),
        SplitRanges.evenBoundaries(SplitColumnType.INTEGER, Long.MIN_VALUE, Long.MAX_VALUE, 4, 0));
  }

  @Test
  void decimalDateAndTimestampRangesKeepTheirUnits() {
    assertEquals(
        List.of(new BigDecimal("0.34"), new BigDecimal("0.67")),
        SplitRanges.evenBoundaries(
            SplitColumnType.DECIMAL, new BigDecimal("0.00"), new BigDecimal("1.00"), 3, 2));
    assertEquals(
        List.of(LocalDate.of(2026, 1, 11), LocalDate.of(2026, 1, 21)),
        SplitRanges.evenBoundaries(
            SplitColumnType.DATE, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 3, 0));
    assertEquals(
        List.of(LocalDateTime.of(2026, 1, 1, 12, 0)),
        SplitRanges.evenBoundaries(
            SplitColumnType.TIMESTAMP,
            LocalDateTime.of(2026, 1, 1, 0, 0),
            LocalDateTime.of(2026, 1, 2, 0, 0),
            2,
            0));
  }

  @Test
  void predicatesCoverEveryValueOnceAndPutNullsInTheFirstPartition() {
    SplitColumn day =
        new SplitColumn(SqlIdentifier.of("day"), "\"day\"", SplitColumnType.DATE, 0, "date");

    List<Optional<String>> predicates =
        SplitRanges.predicates(day, List.of(LocalDate.of(2026, 1, 11), LocalDate.of(2026, 1, 21)));

    assertEquals(
        List.of(
            Optional.of("\"day\" < DATE '2026-01-11' OR \"day\" IS NULL"),
            Optional.of("\"day\" >= DATE '2026-01-11' AND \"day\" < DATE '2026-01-21'"),
            Optional.of("\"day\" >= DATE '2026-01-21'")),
        predicates);
    assertEquals(List.of(Optional.empty()), SplitRanges.predicates(day, List.of()));
  }

  @Test
  void literalsCannotCarrySql() {
    assertEquals("'it''s'", SplitColumnType.TEXT.literal("it's"));
    assertEquals(
        "TIMESTAMP '2026-11-23 08:15:00.000001'",
        SplitColumnType.TIMESTAMP.literal(
            SplitColumnType.TIMESTAMP.parse("2026-11-23T08:15:00.000001")));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> SplitColumnType.INTEGER.parse("1; DROP TABLE x"));
    assertEquals("'1; DROP TABLE x' is not an integer value (expected e.g. 1042)", e.getMessage());
  }
}
