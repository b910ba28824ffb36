package io.ferry.ingest.jdbc.dialect;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.types.SourceColumn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between source databases: identifier quoting, the connection properties and session
 * statements that make a fetch size stream and put the session in UTC, how to sample, and how to
 * find quantiles. Chosen from the connection URL's subprotocol; unknown databases get the ANSI
 * generic dialect.
 */
public interface Dialect {

  /** A short name for logs and reports: {@code postgresql}, {@code mysql}, {@code generic}. */
  String name();

  /** The identifier quoted for this database. */
  String quote(SqlIdentifier identifier);

  /** The JDBC driver class to load when the connection names none. */
  Optional<String> defaultDriver();

  /**
   * Connection properties added unless the connection sets them, e.g. MySQL's {@code
   * useCursorFetch} so that a fetch size streams rather than buffering the whole result.
   */
  Map<String, String> streamingProperties();

  /** Statements run first on every connection: UTC session time zone, stable text formats. */
  List<String> sessionSetup();

  /** The statement that sets the session's isolation level, e.g. {@code READ COMMITTED}. */
  String isolationStatement(String level);

  /**
   * A clause that follows the table name in FROM to read a deterministic fraction of it, when the
   * database has one (PostgreSQL's {@code TABLESAMPLE ... REPEATABLE}).
   */
  Optional<String> tableSample(double fraction);

  /**
   * A SELECT returning the boundaries that cut a column into {@code parts} balanced parts, one row
   * per boundary in ascending order, NULLs ignored.
   *
   * @param values a SELECT whose only column, {@code ferry_v}, holds the split column's values
   */
  String quantileQuery(String values, int parts);

  /**
   * Whether the type named {@code timestamp} holds an instant (MySQL) rather than a wall time
   * (PostgreSQL, the SQL standard).
   */
  default boolean timestampIsInstant() {
    return false;
  }

  /**
   * What a JDBC-mode read selects instead of {@code column} (written {@code quoted}) when the
   * driver would not hand Spark its exact value; empty selects the column as it is. The drivers
   * build a {@code java.sql.Timestamp} or {@code Date} in the JVM's default time zone, which moves
   * wall times that zone skipped (a DST change) and instants of its local mean time, and turn
   * PostgreSQL's {@code infinity} into a far-away value, so dates and date-times are selected as
   * ISO text, instants as their UTC wall time, which Spark parses without a time zone ({@link
   * io.ferry.ingest.jdbc.read.ExactJdbcRead}). MySQL sends a {@code float} as text with six
   * significant digits, so it is selected as a double, which keeps every digit.
   */
  default Optional<String> exactSelect(SourceColumn column, String quoted) {
    return Optional.empty();
  }

  /** Whether JDBC metadata calls a schema a catalog, as MySQL does with databases. */
  default boolean schemasAreCatalogs() {
    return false;
  }

  /** Prepares Spark's JDBC source for this database, when it needs more than Spark knows. */
  default void prepareSpark() {}

  /**
   * Statements that start the planner's transaction, in which the split bounds and the row count
   * are read, at {@code level} ({@code REPEATABLE READ} or {@code SERIALIZABLE}); empty when the
   * planner runs in autocommit. On PostgreSQL the transaction's snapshot is then exported to the
   * partitions ({@link #exportSnapshotQuery()}); on MySQL/MariaDB a consistent snapshot makes the
   * bounds and the count agree with each other.
   */
  default List<String> planningTransaction(String level) {
    return List.of();
  }

  /**
   * A query returning one value: an identifier of the planner transaction's snapshot that other
   * sessions can import while that transaction stays open; empty when the database cannot share a
   * snapshot between sessions.
   */
  default Optional<String> exportSnapshotQuery() {
    return Optional.empty();
  }

  /**
   * The statements that start a partition session's transaction at {@code level} on the snapshot
   * {@code id} from {@link #exportSnapshotQuery()}; run before the partition's SELECT or COPY.
   *
   * @throws IllegalStateException when the database cannot share snapshots
   */
  default List<String> importSnapshot(String id, String level) {
    throw new IllegalStateException(name() + " cannot share a snapshot between sessions");
  }

  /** Whether the database supports PostgreSQL's {@code COPY ... TO STDOUT}. */
  default boolean supportsCopy() {
    return false;
  }

  /** ANSI quoting and nothing else, for plans shown before a connection is known. */
  static Dialect ansi() {
    return new GenericDialect();
  }

  /** The dialect for a connection, from its URL. */
  static Dialect of(ConnectionSpec connection) {
    return switch (connection.subprotocol()) {
      case "postgresql" -> new PostgresDialect();
      case "mysql", "mariadb" -> new MySqlDialect(connection.subprotocol());
      default -> new GenericDialect();
    };
  }
}
