package io.ferry.ingest.jdbc.incremental;

import static java.util.Objects.requireNonNull;

import io.ferry.ingest.jdbc.SourceQuery;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.split.ColumnProbe;
import io.ferry.ingest.jdbc.split.SplitColumn;
import io.ferry.ingest.jdbc.split.SplitColumnType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes an incremental run's window on the driver, from the committed watermark and the source's
 * state at the start of the run:
 *
 * <ul>
 *   <li>append: {@code column > last AND column <= max(column)}; the next watermark is that max;
 *   <li>lastmodified: {@code column >= last - lookback AND column < now}, {@code now} being the
 *       database's clock, so rows written while the run reads are left to the next run; the next
 *       watermark is that {@code now}.
 * </ul>
 *
 * Without a committed watermark the window starts at the beginning. A watermark only moves when the
 * run commits (the stage hands it to {@code Watermarks.advanceOnCommit}).
 */
public final class IncrementalPlanner {
  private final String stage;
  private final Dialect dialect;
  private final SourceQuery source;
  private final IncrementalSpec spec;
  private final int queryTimeoutSeconds;

  public IncrementalPlanner(
      String stage,
      Dialect dialect,
      SourceQuery source,
      IncrementalSpec spec,
      int queryTimeoutSeconds) {
    this.stage = requireNonNull(stage, "stage");
    this.dialect = requireNonNull(dialect, "dialect");
    this.source = requireNonNull(source, "source");
    this.spec = requireNonNull(spec, "spec");
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /**
   * @param committed the committed watermark, as stored
   * @throws IllegalArgumentException when the stored watermark does not fit the column's type
   */
  public IncrementalWindow window(Connection connection, Optional<String> committed)
      throws SQLException {
    SplitColumn column =
        ColumnProbe.of(dialect, source, queryTimeoutSeconds)
            .probe(connection, spec.column(), ColumnProbe.Role.INCREMENTAL);
    SplitColumnType type = column.type();
    if (type == SplitColumnType.TEXT) {
      throw new IllegalArgumentException(
          "incremental column "
              + column.reference()
              + " is text; use an integer, decimal, date or timestamp column");
    }
    Optional<Object> last = committed.map(w -> parse(type, w));
    return spec.mode() == IncrementalMode.APPEND
        ? append(connection, column, last)
        : lastModified(connection, column, last);
  }

  private Object parse(SplitColumnType type, String watermark) {
    try {
      return type.parse(watermark);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the stored watermark "
              + e.getMessage()
              + "; correct it with ferry run --set-watermark "
              + stage
              + "=VALUE, or start over with --reset-watermark "
              + stage);
    }
  }

  private IncrementalWindow append(Connection connection, SplitColumn column, Optional<Object> last)
      throws SQLException {
    SplitColumnType type = column.type();
    String max = "max(" + source.projected(dialect, column.name()) + ")";
    Object high =
        queryOne(connection, source.project(dialect, max, List.of(), Optional.empty()), type);
    String c = column.reference();
    if (high == null) {
      return new IncrementalWindow(
          List.of("1 = 0"), Optional.empty(), "append: " + c + " has no values, nothing to import");
    }
    List<String> conditions = new ArrayList<>();
    last.ifPresent(l -> conditions.add(c + " > " + type.literal(l)));
    conditions.add(c + " <= " + type.literal(high));
    String from = last.map(l -> "after " + type.format(l)).orElse("from the start");
    return new IncrementalWindow(
        conditions,
        Optional.of(type.format(high)),
        "append " + from + " up to " + type.format(high));
  }

  private IncrementalWindow lastModified(
      Connection connection, SplitColumn column, Optional<Object> last) throws SQLException {
    SplitColumnType type = column.type();
    if (type != SplitColumnType.DATE && type != SplitColumnType.TIMESTAMP) {
      throw new IllegalArgumentException(
          "incremental mode lastmodified needs a date or timestamp column, and "
              + column.reference()
              + " is "
              + column.databaseType());
    }
    LocalDateTime now =
        (LocalDateTime) queryOne(connection, "SELECT CURRENT_TIMESTAMP", SplitColumnType.TIMESTAMP);
    Object until = type == SplitColumnType.DATE ? now.toLocalDate() : now;
    String c = column.reference();
    List<String> conditions = new ArrayList<>();
    Optional<Object> from = last.map(l -> minusLookback(type, l, spec.lookback()));
    from.ifPresent(f -> conditions.add(c + " >= " + type.literal(f)));
    conditions.add(c + " < " + type.literal(until));
    return new IncrementalWindow(
        conditions,
        Optional.of(type.format(until)),
        "lastmodified "
            + from.map(f -> "from " + type.format(f)).orElse("from the start")
            + " until "
            + type.format(until));
  }

  private static Object minusLookback(SplitColumnType type, Object last, Duration lookback) {
    if (type == SplitColumnType.DATE) {
      long days = (lookback.toSeconds() + 86_399) / 86_400;
      return ((LocalDate) last).minusDays(days);
    }
    return ((LocalDateTime) last).minus(lookback);
  }

  private Object queryOne(Connection connection, String sql, SplitColumnType type)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = statement.executeQuery(sql)) {
        return rs.next() ? type.read(rs, 1) : null;
      }
    }
  }
}
