package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.incremental.IncrementalPlanner;
import io.ferry.ingest.jdbc.incremental.IncrementalWindow;
import io.ferry.ingest.jdbc.split.SplitColumn;
import io.ferry.ingest.jdbc.split.SplitColumnType;
import io.ferry.ingest.jdbc.split.SplitPlan;
import io.ferry.ingest.jdbc.split.SplitPlanner;
import io.ferry.ingest.jdbc.types.SourceColumn;
import io.ferry.ingest.jdbc.types.TypeMapping;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Plans one read on the driver through the planner's session, in this order: the source's columns
 * (an unknown table or column fails here, before Spark starts any task), the split column, the
 * incremental window, the sample, for a read without a shared snapshot the split column's range,
 * the partitions, then the query that counts the source rows under exactly the predicates the
 * partitions share ({@link #count} runs it, in the planner's session).
 *
 * <p>Without a shared snapshot the partitions read at different moments, so every partition is
 * bounded at the range the split column had when planning ({@code col IS NULL OR col BETWEEN min
 * AND max}): rows inserted beyond it during the read wait for the next run instead of joining the
 * last partition.
 */
final class ReadPlanner {
  private final String stage;
  private final Dialect dialect;
  private final IngestSettings settings;

  ReadPlanner(String stage, Dialect dialect, IngestSettings settings) {
    this.stage = requireNonNull(stage, "stage");
    this.dialect = requireNonNull(dialect, "dialect");
    this.settings = requireNonNull(settings, "settings");
  }

  /**
   * @param committed the committed watermark, for incremental stages
   * @param sample the fraction to read, when sampling
   * @param consistent whether every partition reads the planner's snapshot
   */
  ReadPlan plan(
      Connection connection, Optional<String> committed, OptionalDouble sample, boolean consistent)
      throws SQLException {
    SourceQuery source = settings.source();
    int timeout = settings.queryTimeoutSeconds();
    List<SourceColumn> columns = columns(connection);
    checkMergeKeys(columns);
    TypeMapping.Mapped types =
        new TypeMapping(
                settings.unboundedDecimal(), settings.columnTypes(), dialect.timestampIsInstant())
            .map(columns);
    SplitPlanner splitter = new SplitPlanner(dialect, source, settings.split(), timeout);
    SplitPlanner.Choice choice = splitter.choose(connection);
    List<String> conditions = new ArrayList<>();
    Optional<IncrementalWindow> window = Optional.empty();
    if (settings.incremental().isPresent()) {
      IncrementalWindow w =
          new IncrementalPlanner(stage, dialect, source, settings.incremental().get(), timeout)
              .window(connection, committed);
      conditions.addAll(w.conditions());
      window = Optional.of(w);
    }
    Optional<String> tableSample = Optional.empty();
    if (sample.isPresent() && sample.getAsDouble() < 1) {
      double fraction = sample.getAsDouble();
      tableSample = source.table().flatMap(t -> dialect.tableSample(fraction));
      if (tableSample.isEmpty()) {
        conditions.add(moduloSample(choice, fraction));
      }
    }
    if (!consistent && choice.column().isPresent()) {
      SplitColumn column = choice.column().get();
      splitter
          .extent(connection, column, conditions)
          .ifPresent(range -> conditions.add(bounded(column, range)));
    }
    SplitPlan split = splitter.plan(connection, choice, conditions, tableSample);
    List<String> selects = new ArrayList<>();
    for (Optional<String> predicate : split.predicates()) {
      List<String> all = new ArrayList<>(conditions);
      predicate.ifPresent(all::add);
      selects.add(source.select(dialect, all, tableSample));
    }
    String count = countQuery(conditions, tableSample);
    return new ReadPlan(selects, columns, types, count, consistent, split.description(), window);
  }

  private static String bounded(SplitColumn column, Object[] range) {
    String c = column.reference();
    SplitColumnType type = column.type();
    return c
        + " IS NULL OR ("
        + c
        + " >= "
        + type.literal(range[0])
        + " AND "
        + c
        + " <= "
        + type.literal(range[1])
        + ")";
  }

  private String moduloSample(SplitPlanner.Choice choice, double fraction) {
    var column =
        choice
            .column()
            .filter(c -> c.type() == SplitColumnType.INTEGER)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "sampling "
                            + settings.source().describe()
                            + " on "
                            + dialect.name()
                            + " needs an integer split column for its modulo predicate; set"
                            + " split-by to an integer column"));
    long modulus = Math.max(1, Math.round(1 / fraction));
    return "MOD(" + column.reference() + ", " + modulus + ") = 0";
  }

  private List<SourceColumn> columns(Connection connection) throws SQLException {
    String probe = settings.source().select(dialect, List.of("1 = 0"), Optional.empty());
    try (Statement statement = statement(connection);
        ResultSet rs = statement.executeQuery(probe)) {
      return TypeMapping.columns(rs.getMetaData());
    }
  }

  /** The count of source rows (distinct merge keys) under the partitions' shared predicates. */
  private String countQuery(List<String> conditions, Optional<String> tableSample) {
    SourceQuery source = settings.source();
    if (settings.mergeKey().isEmpty()) {
      return source.project(dialect, "count(*)", conditions, tableSample);
    }
    String keys = SqlIdentifier.list(settings.mergeKey(), k -> source.projected(dialect, k));
    return "SELECT count(*) FROM ("
        + source.project(dialect, "DISTINCT " + keys, conditions, tableSample)
        + "\n) ferry_keys";
  }

  /** Runs a {@link ReadPlan#countQuery()}. */
  static long count(Connection connection, String sql, int queryTimeoutSeconds)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      ResultSet rs = statement.executeQuery(sql);
      rs.next();
      return rs.getLong(1);
    }
  }

  private Statement statement(Connection connection) throws SQLException {
    Statement statement = connection.createStatement();
    statement.setQueryTimeout(settings.queryTimeoutSeconds());
    return statement;
  }

  /** Every merge key must be a column the source returns; the count and the dedupe rely on it. */
  private void checkMergeKeys(List<SourceColumn> columns) {
    List<String> names = columns.stream().map(SourceColumn::name).toList();
    for (SqlIdentifier key : settings.mergeKey()) {
      if (!names.contains(key.name())) {
        throw StageFailure.about(
            "merge-keys",
            StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
            "merge-keys names column '"
                + key.name()
                + "', which the source does not return; its columns are "
                + names);
      }
    }
  }
}
