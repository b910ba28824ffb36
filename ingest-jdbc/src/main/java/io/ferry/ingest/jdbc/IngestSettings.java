package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.incremental.IncrementalSpec;
import io.ferry.ingest.jdbc.source.SourceConnection;
import io.ferry.ingest.jdbc.split.SplitSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A validated {@code jdbc-ingest} stage's options, as the stage uses them.
 *
 * @param connection the name of the connection to read from
 * @param source the table or query
 * @param split how to cut the read into partitions
 * @param fetchSize rows per driver round trip
 * @param queryTimeout per-statement timeout; zero for none
 * @param sessionInitSql statements run at the start of every source session
 * @param isolation the sessions' isolation level, when set
 * @param consistentRead whether the partitions share one snapshot where the database can
 * @param direct whether PostgreSQL reads go through COPY
 * @param unboundedDecimal the Spark type for numerics without precision
 * @param columnTypes Spark types by column, overriding the mapping
 * @param partitionBy columns to partition the written Parquet by
 * @param incremental the incremental block, when set
 * @param mergeKey columns that identify a row; the batch keeps the latest row per key
 * @param sample the fraction of the source to read, when set
 */
public record IngestSettings(
    String connection,
    SourceQuery source,
    SplitSettings split,
    int fetchSize,
    Duration queryTimeout,
    List<String> sessionInitSql,
    Optional<IsolationLevel> isolation,
    boolean consistentRead,
    boolean direct,
    String unboundedDecimal,
    Map<String, String> columnTypes,
    List<String> partitionBy,
    Optional<IncrementalSpec> incremental,
    List<SqlIdentifier> mergeKey,
    OptionalDouble sample) {
  public IngestSettings {
    requireNonNull(connection, "connection");
    requireNonNull(source, "source");
    requireNonNull(split, "split");
    requireNonNull(queryTimeout, "queryTimeout");
    sessionInitSql = List.copyOf(sessionInitSql);
    requireNonNull(isolation, "isolation");
    requireNonNull(unboundedDecimal, "unboundedDecimal");
    columnTypes = Map.copyOf(columnTypes);
    partitionBy = List.copyOf(partitionBy);
    requireNonNull(incremental, "incremental");
    mergeKey = List.copyOf(mergeKey);
    requireNonNull(sample, "sample");
  }

  /**
   * The level of a consistent read's transactions: {@code SERIALIZABLE} when the stage asks for it,
   * else {@code REPEATABLE READ}, the weakest level that keeps one snapshot.
   */
  public String snapshotLevel() {
    return isolation
        .filter(i -> i == IsolationLevel.SERIALIZABLE)
        .orElse(IsolationLevel.REPEATABLE_READ)
        .sql();
  }

  /** Seconds, as JDBC wants them; 0 for none. */
  public int queryTimeoutSeconds() {
    return (int) Math.min(Integer.MAX_VALUE, queryTimeout.toSeconds());
  }

  /**
   * How this stage opens sessions on {@code connection}: its isolation level, session SQL and fetch
   * size, with statements cut off after {@code timeoutSeconds}.
   */
  public SourceConnection sourceConnection(
      ConnectionSpec connection, Dialect dialect, int timeoutSeconds) {
    return SourceConnection.of(
        connection,
        dialect,
        isolation().map(IsolationLevel::sql),
        sessionInitSql(),
        fetchSize(),
        timeoutSeconds);
  }
}
