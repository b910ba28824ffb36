package io.ferry.sink.redshift.amazon;

import com.amazon.redshift.Driver;
import io.ferry.core.connection.ConnectionSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens Redshift JDBC connections, {@code jdbc:redshift://} with user and password or {@code
 * jdbc:redshift:iam://} with IAM credentials from the driver's own provider chain. The driver is
 * called directly, so pgjdbc never answers a Redshift URL.
 */
public final class RedshiftConnections {
  private RedshiftConnections() {}

  /**
   * A connection with the session in UTC.
   *
   * @throws IllegalArgumentException when the URL is not a Redshift URL
   */
  public static Connection open(ConnectionSpec connection) throws SQLException {
    Connection c = new Driver().connect(connection.url(), connection.jdbcProperties());
    if (c == null) {
      throw new IllegalArgumentException(
          "a Redshift warehouse needs a jdbc:redshift:// or jdbc:redshift:iam:// URL, but the"
              + " connection's URL is of type '"
              + connection.subprotocol()
              + "'");
    }
    try (Statement s = c.createStatement()) {
      s.execute(RedshiftSql.SET_UTC);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
