package io.ferry.sink.redshift.postgres;

import io.ferry.core.connection.ConnectionSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.Driver;

/**
 * Opens pgjdbc connections. The driver is called directly rather than through {@code
 * DriverManager}, so the Redshift driver, which also accepts some PostgreSQL URLs, never answers,
 * and jars added with {@code --jars} work.
 */
public final class PostgresConnections {
  private PostgresConnections() {}

  /**
   * A connection with user and password as properties and the session in UTC.
   *
   * @throws IllegalArgumentException when the URL is not a PostgreSQL URL
   */
  public static Connection open(ConnectionSpec connection) throws SQLException {
    Connection c = new Driver().connect(connection.url(), connection.jdbcProperties());
    if (c == null) {
      throw new IllegalArgumentException(
          "a PostgreSQL warehouse needs a jdbc:postgresql:// URL, but the connection's URL is of"
              + " type '"
              + connection.subprotocol()
              + "'");
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
