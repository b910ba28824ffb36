package io.ferry.ingest.jdbc.dialect;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.types.SourceColumn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL and MariaDB: backtick identifiers; a fetch size streams only with {@code useCursorFetch}
 * (MySQL Connector/J; MariaDB Connector/J streams a fetch size natively and ignores it); the
 * session time zone set to UTC (several session statements need {@code allowMultiQueries});
 * quantiles through {@code NTILE} (MySQL 8, MariaDB 10.2 and later); no table sample, so samples
 * use a modulo predicate on the split column; no snapshot shared between sessions.
 */
final class MySqlDialect implements Dialect {
  private final String subprotocol;

  MySqlDialect(String subprotocol) {
    this.subprotocol = subprotocol;
  }

  @Override
  public String name() {
    return subprotocol;
  }

  @Override
  public String quote(SqlIdentifier identifier) {
    return identifier.backticked();
  }

  @Override
  public Optional<String> defaultDriver() {
    return Optional.of(
        subprotocol.equals("mariadb") ? "org.mariadb.jdbc.Driver" : "com.mysql.cj.jdbc.Driver");
  }

  @Override
  public Map<String, String> streamingProperties() {
    return Map.of("useCursorFetch", "true", "allowMultiQueries", "true");
  }

  @Override
  public List<String> sessionSetup() {
    return List.of("SET time_zone = '+00:00'");
  }

  /**
   * Dates and date-times as text ({@code timestamp} in the session's UTC), floats as doubles:
   * {@code CAST(... AS DOUBLE)} needs MySQL 8.0.17 or MariaDB 10.4.
   */
  @Override
  public Optional<String> exactSelect(SourceColumn column, String quoted) {
    return switch (column.typeName()) {
      case "date", "datetime", "timestamp" -> Optional.of("CAST(" + quoted + " AS CHAR)");
      case "float" -> Optional.of("CAST(" + quoted + " AS DOUBLE)");
      default -> Optional.empty();
    };
  }

  @Override
  public String isolationStatement(String level) {
    return "SET SESSION TRANSACTION ISOLATION LEVEL " + level;
  }

  /**
   * A consistent snapshot (InnoDB), which needs {@code REPEATABLE READ}: with any other level MySQL
   * ignores {@code WITH CONSISTENT SNAPSHOT}. MySQL and MariaDB cannot hand it to other sessions,
   * so partitions read at their own moments.
   */
  @Override
  public List<String> planningTransaction(String level) {
    return List.of(
        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
        "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
  }

  @Override
  public void prepareSpark() {
    if (subprotocol.equals("mariadb")) {
      MariaDbSparkDialect.register();
    }
  }

  @Override
  public boolean timestampIsInstant() {
    return true;
  }

  @Override
  public boolean schemasAreCatalogs() {
    return true;
  }

  @Override
  public Optional<String> tableSample(double fraction) {
    return Optional.empty();
  }

  @Override
  public String quantileQuery(String values, int parts) {
    return AnsiQuantiles.query(values, parts);
  }
}
