package io.ferry.ingest.jdbc;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.OptionType;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SparkSqlType;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.ingest.jdbc.incremental.IncrementalMode;
import io.ferry.ingest.jdbc.incremental.IncrementalSpec;
import io.ferry.ingest.jdbc.split.SplitSettings;
import io.ferry.ingest.jdbc.split.SplitStrategy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The {@code jdbc-ingest} stage type: copies a table or query result from a database into the
 * lake's raw zone, one committed folder per run, in parallel partitions, optionally incrementally.
 */
public final class JdbcIngestFactory implements StageFactory {
  public static final String TYPE = "jdbc-ingest";
  static final int MAX_PARTITIONS = 1024;

  static final StageOption<String> CONNECTION =
      StageOption.connection(
              "connection", "Name of the entry under 'connections' that the stage reads from.")
          .required();
  static final StageOption<SqlIdentifier> TABLE =
      StageOption.sqlName(
              "table",
              "Source table, optionally schema-qualified (sales.orders); always quoted, unquoted"
                  + " parts fold to lower case and double-quoted parts keep their case.")
          .optional();
  static final StageOption<List<SqlIdentifier>> COLUMNS =
      StageOption.columns(
              "columns", "Columns of 'table' to read, in this order; every column when unset.")
          .optional();
  static final StageOption<String> WHERE =
      StageOption.string(
              "where",
              "SQL predicate on 'table', run by the source database as written, e.g."
                  + " \"status <> 'test'\".")
          .optional();
  static final StageOption<String> QUERY =
      StageOption.string(
              "query",
              "A SELECT statement run by the source database as written, instead of 'table'. To"
                  + " read it in parallel (split-by or predicates), put $CONDITIONS in its WHERE"
                  + " clause: each partition replaces it with its own range.")
          .optional();
  static final StageOption<SqlIdentifier> SPLIT_BY =
      StageOption.sqlName(
              "split-by",
              "Column whose range is cut into 'partitions' parallel reads: integer, decimal, date"
                  + " or timestamp (text only with allow-text-split). Unset: the table's primary key"
                  + " when it is one integer column, else one partition. Rows whose value is NULL"
                  + " are read too.")
          .optional();
  static final StageOption<Integer> PARTITIONS =
      StageOption.integer(
              "partitions", "Parallel reads, also the cap on concurrent connections to the source.")
          .between(1, MAX_PARTITIONS)
          .withDefault(4);
  static final StageOption<SplitStrategy> SPLIT_STRATEGY =
      StageOption.enumOf(
              "split-strategy",
              SplitStrategy.class,
              "range: equal-width ranges between min and max; quantile: ranges of equal row"
                  + " counts cut at the column's quantiles (percentile_disc on PostgreSQL, NTILE"
                  + " elsewhere), for skewed keys. Text columns always use quantile.")
          .withDefault(SplitStrategy.RANGE);
  static final StageOption<String> BOUNDARY_QUERY =
      StageOption.string(
              "boundary-query",
              "A SELECT returning one row (min, max) of the split column, instead of Ferry's own"
                  + " SELECT min(..), max(..) over the source.")
          .optional();
  static final StageOption<List<String>> PREDICATES =
      StageOption.stringList(
              "predicates",
              "Explicit partitions: one SQL predicate each, instead of split-by. They should"
                  + " cover every row exactly once; on a consistent read the row-count check"
                  + " catches gaps and overlaps.")
          .optional();
  static final StageOption<Boolean> ALLOW_TEXT_SPLIT =
      StageOption.bool(
              "allow-text-split",
              "Allow a text split column; its partitions are cut at quantiles in the database's"
                  + " collation.")
          .withDefault(false);
  static final StageOption<Integer> FETCH_SIZE =
      StageOption.integer(
              "fetch-size",
              "Rows the JDBC driver fetches per round trip; memory stays flat whatever the table"
                  + " size (autocommit off on PostgreSQL, useCursorFetch on MySQL).")
          .atLeast(1)
          .withDefault(10_000);
  static final StageOption<Duration> QUERY_TIMEOUT =
      StageOption.duration(
              "query-timeout", "Longest a source statement may run, e.g. 2h; unset means no limit.")
          .optional();
  static final StageOption<List<String>> SESSION_INIT_SQL =
      StageOption.stringList(
              "session-init-sql",
              "Statements run at the start of every source session, after Ferry's own (UTC"
                  + " time zone), e.g. [\"SET work_mem = '256MB'\"].")
          .optional();
  static final StageOption<IsolationLevel> ISOLATION_LEVEL =
      StageOption.enumOf(
              "isolation-level",
              IsolationLevel.class,
              "Transaction isolation of the source sessions; the database's default when unset."
                  + " read-committed and read-uncommitted need consistent-read = false;"
                  + " serializable makes a consistent read's transactions serializable.")
          .optional();
  static final StageOption<Boolean> CONSISTENT_READ =
      StageOption.bool(
              "consistent-read",
              "Read every partition at one point in time: on PostgreSQL the planner exports its"
                  + " snapshot (pg_export_snapshot) and every partition imports it, so the row"
                  + " check is exact even while the table takes writes. MySQL, MariaDB and other"
                  + " databases cannot share a snapshot: their partitions are bounded at the split"
                  + " column's range found when planning and the row check is approximate"
                  + " (consistent_read = false in the run report). false: every database reads"
                  + " that way.")
          .withDefault(true);
  static final StageOption<Boolean> DIRECT =
      StageOption.bool(
              "direct",
              "On PostgreSQL, stream each partition with binary COPY (SELECT ...) TO STDOUT,"
                  + " decoded straight into Spark's rows, instead of a JDBC result set: same rows"
                  + " and types, less CPU. Falls back to JDBC, saying so in the log and the run"
                  + " report (direct_fallback), when a column's type, or its column-types"
                  + " override, has no binary decoder (arrays, intervals...). Ignored on other"
                  + " databases.")
          .withDefault(true);
  static final StageOption<SparkSqlType> UNBOUNDED_NUMERIC =
      StageOption.sparkType(
              "unbounded-numeric",
              "Spark decimal type for numeric columns declared without precision (or wider than"
                  + " 38 digits); each such column is named in a warning. Values round half up to"
                  + " the scale; a value too large fails the read.")
          .withDefault(SparkSqlType.parse("decimal(38,18)"));
  static final StageOption<Map<String, SparkSqlType>> COLUMN_TYPES =
      StageOption.of(
              "column-types",
              OptionType.SPARK_TYPE_BY_COLUMN,
              "Spark types by column name, overriding the mapping, e.g. { amount ="
                  + " \"decimal(20,4)\" }.")
          .optional();
  static final StageOption<List<SqlIdentifier>> PARTITION_BY =
      StageOption.columns(
              "partition-by", "Columns to partition the written Parquet by (Hive-style folders).")
          .optional();
  static final StageOption<IncrementalMode> INCREMENTAL_MODE =
      StageOption.enumOf(
              "incremental.mode",
              IncrementalMode.class,
              "append: read rows with column > watermark and <= its max at the start; "
                  + "lastmodified: read rows with column >= watermark - lookback and < the"
                  + " database's now. The watermark advances only when the whole run commits.")
          .optional();
  static final StageOption<SqlIdentifier> INCREMENTAL_COLUMN =
      StageOption.sqlName(
              "incremental.column",
              "Column compared with the watermark: integer, decimal, date or timestamp"
                  + " (lastmodified: date or timestamp).")
          .optional();
  static final StageOption<Duration> INCREMENTAL_LOOKBACK =
      StageOption.duration(
              "incremental.lookback",
              "lastmodified only: how far before the watermark to start, for rows committed late.")
          .optional();
  static final StageOption<List<SqlIdentifier>> MERGE_KEYS =
      StageOption.columns(
              "merge-keys",
              "Columns identifying a row: the batch keeps only the row with the greatest"
                  + " incremental.column per key. The row check then compares distinct keys.")
          .deprecatedAlias("merge-key")
          .optional();
  static final StageOption<Double> SAMPLE =
      StageOption.decimal(
              "sample",
              "Fraction of the source to read (0 < f <= 1), the same rows on every run of"
                  + " unchanged data: TABLESAMPLE on a PostgreSQL table, else a modulo predicate"
                  + " on the integer split column. The run flag --sample overrides it.")
          .optional();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Reads a table or query from a JDBC database into the lake as Parquet in parallel"
        + " partitions, optionally incrementally, checks the row count, and commits one folder per"
        + " run.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(
        CONNECTION,
        TABLE,
        COLUMNS,
        WHERE,
        QUERY,
        SPLIT_BY,
        PARTITIONS,
        SPLIT_STRATEGY,
        BOUNDARY_QUERY,
        PREDICATES,
        ALLOW_TEXT_SPLIT,
        FETCH_SIZE,
        QUERY_TIMEOUT,
        SESSION_INIT_SQL,
        ISOLATION_LEVEL,
        CONSISTENT_READ,
        DIRECT,
        UNBOUNDED_NUMERIC,
        COLUMN_TYPES,
        PARTITION_BY,
        INCREMENTAL_MODE,
        INCREMENTAL_COLUMN,
        INCREMENTAL_LOOKBACK,
        MERGE_KEYS,
        SAMPLE);
  }

  @Override
  public List<OptionRule> rules() {
    return List.of(
        OptionRule.exactlyOneOf(TABLE, QUERY),
        OptionRule.requires(COLUMNS, TABLE),
        OptionRule.requires(WHERE, TABLE),
        OptionRule.atMostOneOf(SPLIT_BY, PREDICATES),
        OptionRule.requires(BOUNDARY_QUERY, SPLIT_BY),
        OptionRule.requires(INCREMENTAL_MODE, INCREMENTAL_COLUMN),
        OptionRule.requires(INCREMENTAL_COLUMN, INCREMENTAL_MODE),
        OptionRule.requires(INCREMENTAL_LOOKBACK, INCREMENTAL_MODE),
        OptionRule.requires(MERGE_KEYS, INCREMENTAL_COLUMN),
        OptionRule.when(INCREMENTAL_MODE, IncrementalMode.APPEND).forbids(INCREMENTAL_LOOKBACK),
        OptionRule.when(SPLIT_STRATEGY, SplitStrategy.QUANTILE).forbids(BOUNDARY_QUERY));
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    var options = spec.options();
    options.find(WHERE).filter(String::isBlank).ifPresent(w -> problems.add(WHERE, "is empty"));
    options.find(QUERY).filter(String::isBlank).ifPresent(q -> problems.add(QUERY, "is empty"));
    boolean parallel = options.isSet(SPLIT_BY) || options.isSet(PREDICATES);
    options
        .find(QUERY)
        .filter(q -> parallel && !q.contains(SourceQuery.CONDITIONS))
        .ifPresent(
            q ->
                problems.add(
                    QUERY,
                    "a parallel query (split-by or predicates set) must contain "
                        + SourceQuery.CONDITIONS
                        + " where each partition's range goes, e.g. SELECT ... FROM orders o"
                        + " WHERE o.status = 'paid' AND $CONDITIONS"));
    options
        .find(PREDICATES)
        .ifPresent(
            p -> {
              if (p.isEmpty() || p.stream().anyMatch(String::isBlank)) {
                problems.add(PREDICATES, "must hold at least one predicate and no empty ones");
              }
            });
    options
        .find(ISOLATION_LEVEL)
        .filter(i -> i == IsolationLevel.READ_COMMITTED || i == IsolationLevel.READ_UNCOMMITTED)
        .filter(i -> options.get(CONSISTENT_READ))
        .ifPresent(
            i ->
                problems.add(
                    ISOLATION_LEVEL,
                    "'"
                        + i.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + "' cannot keep one snapshot for a consistent read; remove it (consistent"
                        + " reads run in repeatable read, which takes no row locks on PostgreSQL"
                        + " and InnoDB) or set consistent-read = false"));
    options
        .find(QUERY_TIMEOUT)
        .filter(d -> d.isNegative() || d.isZero())
        .ifPresent(d -> problems.add(QUERY_TIMEOUT, "must be positive; remove it for no limit"));
    SparkSqlType unbounded = options.get(UNBOUNDED_NUMERIC);
    if (!unbounded.isDecimal()) {
      problems.add(
          UNBOUNDED_NUMERIC, "'" + unbounded + "' is not a decimal type, e.g. decimal(38,18)");
    }
    options
        .find(INCREMENTAL_LOOKBACK)
        .filter(Duration::isNegative)
        .ifPresent(d -> problems.add(INCREMENTAL_LOOKBACK, "cannot be negative"));
    options
        .find(SAMPLE)
        .filter(f -> !(f > 0 && f <= 1))
        .ifPresent(f -> problems.add(SAMPLE, "must be above 0 and at most 1, found " + f));
  }

  @Override
  public Stage create(StageSpec spec) {
    return new JdbcIngestStage(spec.name(), settings(spec));
  }

  static IngestSettings settings(StageSpec spec) {
    var options = spec.options();
    SourceQuery source =
        options
            .find(QUERY)
            .map(SourceQuery::ofQuery)
            .orElseGet(
                () ->
                    SourceQuery.ofTable(
                        options.get(TABLE),
                        options.find(COLUMNS).orElse(List.of()),
                        options.find(WHERE)));
    SplitSettings split =
        new SplitSettings(
            options.find(SPLIT_BY),
            options.get(PARTITIONS),
            options.get(SPLIT_STRATEGY),
            options.find(BOUNDARY_QUERY),
            options.find(PREDICATES).orElse(List.of()),
            options.get(ALLOW_TEXT_SPLIT));
    var incremental =
        options
            .find(INCREMENTAL_MODE)
            .map(
                mode ->
                    new IncrementalSpec(
                        mode,
                        options.get(INCREMENTAL_COLUMN),
                        options.find(INCREMENTAL_LOOKBACK).orElse(Duration.ZERO)));
    Map<String, String> columnTypes = new LinkedHashMap<>();
    options.find(COLUMN_TYPES).orElse(Map.of()).forEach((c, t) -> columnTypes.put(c, t.ddl()));
    return new IngestSettings(
        options.get(CONNECTION),
        source,
        split,
        options.get(FETCH_SIZE),
        options.find(QUERY_TIMEOUT).orElse(Duration.ZERO),
        options.find(SESSION_INIT_SQL).orElse(List.of()),
        options.find(ISOLATION_LEVEL),
        options.get(CONSISTENT_READ),
        options.get(DIRECT),
        options.get(UNBOUNDED_NUMERIC).ddl(),
        columnTypes,
        options.find(PARTITION_BY).orElse(List.of()).stream().map(SqlIdentifier::name).toList(),
        incremental,
        options.find(MERGE_KEYS).orElse(List.of()),
        options.find(SAMPLE).map(OptionalDouble::of).orElse(OptionalDouble.empty()));
  }
}
