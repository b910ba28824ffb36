package io.ferry.sink.redshift;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.sink.redshift.postgres.PostgresConnections;
import io.ferry.sink.redshift.redshift.RedshiftConnections;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens a warehouse connection with the driver its URL names, the session in UTC. */
public final class WarehouseConnections {
  private WarehouseConnections() {}

  /**
   * @throws IllegalArgumentException when the URL names neither PostgreSQL nor Redshift
   */
  public static Connection open(ConnectionSpec connection) throws SQLException {
    return switch (connection.subprotocol()) {
      case "postgresql" -> PostgresConnections.open(connection);
      case "redshift" -> RedshiftConnections.open(connection);
      default ->
          throw new IllegalArgumentException(
              "connection '"
                  + connection.name()
                  + "' has a '"
                  + connection.subprotocol()
                  + "' URL; the warehouse is reached through jdbc:postgresql:// or"
                  + " jdbc:redshift:// URLs");
    };
  }
}
