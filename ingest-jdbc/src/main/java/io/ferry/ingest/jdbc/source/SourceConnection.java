package io.ferry.ingest.jdbc.source;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.ingest.jdbc.dialect.Dialect;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How every reader of one stage connects to the source: URL, driver, connection properties (user
 * and password among them, never in the URL), the statements that start each session (UTC, stable
 * formats, isolation level, the user's {@code session-init-sql}), fetch size and query timeout.
 *
 * <p>Serializable, because executors open their own connections from it. {@link #toString} names
 * only the connection and host: the password never reaches a log, a message or Spark's UI.
 */
public final class SourceConnection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String host;
  private final String url;
  private final String driver;
  private final Properties properties;
  private final List<String> sessionStatements;
  private final List<String> transactionStart;
  private final int fetchSize;
  private final int queryTimeoutSeconds;

  private SourceConnection(
      ConnectionSpec connection,
      String driver,
      Properties properties,
      List<String> sessionStatements,
      int fetchSize,
      int queryTimeoutSeconds) {
    this(
        connection.name(),
        connection.host(),
        connection.url(),
        driver,
        properties,
        sessionStatements,
        List.of(),
        fetchSize,
        queryTimeoutSeconds);
  }

  private SourceConnection(
      String name,
      String host,
      String url,
      String driver,
      Properties properties,
      List<String> sessionStatements,
      List<String> transactionStart,
      int fetchSize,
      int queryTimeoutSeconds) {
    this.name = name;
    this.host = host;
    this.url = url;
    this.driver = driver;
    this.properties = properties;
    this.sessionStatements = List.copyOf(sessionStatements);
    this.transactionStart = List.copyOf(transactionStart);
    this.fetchSize = fetchSize;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /**
   * @param isolationLevel e.g. {@code READ COMMITTED}
   * @param sessionInitSql the user's statements, run after Ferry's own
   * @param queryTimeoutSeconds 0 for none
   */
  public static SourceConnection of(
      ConnectionSpec connection,
      Dialect dialect,
      Optional<String> isolationLevel,
      List<String> sessionInitSql,
      int fetchSize,
      int queryTimeoutSeconds) {
    requireNonNull(connection, "connection");
    Properties properties = new Properties();
    dialect.streamingProperties().forEach(properties::setProperty);
    properties.putAll(connection.jdbcProperties());
    List<String> statements = new ArrayList<>(dialect.sessionSetup());
    isolationLevel.map(dialect::isolationStatement).ifPresent(statements::add);
    statements.addAll(sessionInitSql);
    String driver = connection.driver().or(dialect::defaultDriver).orElse(null);
    return new SourceConnection(
        connection, driver, properties, statements, fetchSize, queryTimeoutSeconds);
  }

  /**
   * The same connection whose sessions, after the session statements, start a transaction with
   * {@code statements} (e.g. importing a snapshot) and read inside it.
   */
  public SourceConnection withTransactionStart(List<String> statements) {
    return new SourceConnection(
        name,
        host,
        url,
        driver,
        properties,
        sessionStatements,
        statements,
        fetchSize,
        queryTimeoutSeconds);
  }

  /** The connection's name in the job, for messages. */
  public String name() {
    return name;
  }

  /** The host and port, for messages. */
  public String host() {
    return host;
  }

  public int fetchSize() {
    return fetchSize;
  }

  public int queryTimeoutSeconds() {
    return queryTimeoutSeconds;
  }

  /**
   * Opens a connection and runs the session statements, then the transaction start, if any.
   * Autocommit stays on; readers that stream turn it off themselves (a transaction started by
   * statements stays open either way).
   */
  public Connection open() throws SQLException {
    if (driver != null) {
      try {
        Class.forName(driver, true, Thread.currentThread().getContextClassLoader());
      } catch (ClassNotFoundException e) {
        throw new SQLException(
            "JDBC driver class " + driver + " is not on the classpath; add the driver's jar", e);
      }
    }
    Connection connection = DriverManager.getConnection(url, properties);
    try (Statement statement = connection.createStatement()) {
      for (String sql : sessionStatements) {
        statement.execute(sql);
      }
      for (String sql : transactionStart) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * The options of Spark's JDBC source for reading {@code sql}: the same properties and session
   * statements, so both read paths see the same session.
   */
  public Map<String, String> sparkOptions(String sql) {
    Map<String, String> options = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> options.put(k, properties.getProperty(k)));
    if (driver != null) {
      options.put("driver", driver);
    }
    options.put("url", url);
    // The newline ends a trailing "--" comment in the user's SQL before Spark's closing paren.
    options.put("dbtable", "(" + sql + "\n) ferry_source");
    options.put("fetchsize", Integer.toString(fetchSize));
    options.put("queryTimeout", Integer.toString(queryTimeoutSeconds));
    List<String> init = new ArrayList<>(sessionStatements);
    init.addAll(transactionStart);
    if (!init.isEmpty()) {
      options.put("sessionInitStatement", String.join(";\n", init));
    }
    return options;
  }

  @Override
  public String toString() {
    return "connection '" + name + "' at " + host;
  }
}
