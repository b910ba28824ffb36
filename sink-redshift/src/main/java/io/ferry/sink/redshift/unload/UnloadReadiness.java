package io.ferry.sink.redshift.unload;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.stage.PreflightContext;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code ferry check} for a {@code redshift-unload} stage: logs in to the warehouse and has it
 * describe the query's result without running it, as the run does before it unloads. Writes
 * nothing.
 */
final class UnloadReadiness {
  private UnloadReadiness() {}

  static void check(String connectionName, String query, PreflightContext context) {
    ConnectionSpec connection = context.connection(connectionName);
    Connection c;
    try {
      c = Warehouse.connect(connection);
    } catch (SQLException e) {
      context.cannotLogIn(connection, "the warehouse", e);
      return;
    }
    try (c) {
      PostgresUnload.schema(c, query);
    } catch (SQLException | IllegalArgumentException e) {
      context
          .problems()
          .add("query", "the warehouse rejects it: " + e.getMessage() + "; fix 'query'");
    }
  }
}
