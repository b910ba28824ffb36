package io.ferry.ingest.jdbc.dialect;

import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any other JDBC database, through its driver on the classpath: ANSI double-quoted identifiers, no
 * session statements, standard isolation statement, {@code NTILE} quantiles, no table sample.
 */
final class GenericDialect implements Dialect {

  @Override
  public String name() {
    return "generic";
  }

  @Override
  public String quote(SqlIdentifier identifier) {
    return identifier.quoted();
  }

  @Override
  public Optional<String> defaultDriver() {
    return Optional.empty();
  }

  @Override
  public Map<String, String> streamingProperties() {
    return Map.of();
  }

  @Override
  public List<String> sessionSetup() {
    return List.of();
  }

  @Override
  public String isolationStatement(String level) {
    return "SET TRANSACTION ISOLATION LEVEL " + level;
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
