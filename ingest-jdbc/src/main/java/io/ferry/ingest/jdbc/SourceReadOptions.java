package io.ferry.ingest.jdbc;

import io.ferry.core.job.ConnectionSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The options of Spark's JDBC source for one read: URL, driver, fetch size, and the connection's
 * properties with user and password (never in the URL). PostgreSQL sessions are put in UTC so that
 * {@code timestamp} values and server-side casts agree with Spark's UTC session.
 */
final class SourceReadOptions {
  static final String POSTGRES_DRIVER = "org.postgresql.Driver";
  private static final String POSTGRES_UTC = "-c TimeZone=UTC";

  private SourceReadOptions() {}

  /**
   * @param sql the SELECT the source runs; Spark wraps it in a sub-select to read its schema
   */
  static Map<String, String> of(ConnectionSpec connection, String sql, int fetchSize) {
    Map<String, String> options = new LinkedHashMap<>();
    connection.jdbcProperties().forEach((k, v) -> options.put((String) k, (String) v));
    boolean postgres = "postgresql".equals(connection.subprotocol());
    if (postgres) {
      options.merge("options", POSTGRES_UTC, (mine, utc) -> mine + " " + utc);
    }
    connection
        .driver()
        .or(() -> postgres ? Optional.of(POSTGRES_DRIVER) : Optional.empty())
        .ifPresent(d -> options.put("driver", d));
    options.put("url", connection.url());
    // The newline ends a trailing "--" comment in the user's SQL before Spark's closing paren.
    options.put("dbtable", "(" + sql + "\n) ferry_source");
    options.put("fetchsize", Integer.toString(fetchSize));
    return options;
  }
}
