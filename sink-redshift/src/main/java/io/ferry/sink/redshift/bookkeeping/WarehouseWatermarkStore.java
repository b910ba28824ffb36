package io.ferry.sink.redshift.bookkeeping;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.secret.Redactor;
import io.ferry.core.state.WatermarkStore;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Watermarks in the warehouse's {@code ferry_watermarks} table ({@code state { store = warehouse,
 * connection = ..., schema = ... }}). A {@code redshift-load} on the same connection writes the
 * run's pending watermarks in its own transaction, so rows and watermarks commit together; this
 * store's own writes, which the runner makes after the run, then rewrite the same values.
 *
 * <p>Each call opens a short connection of its own and commits before returning.
 */
public final class WarehouseWatermarkStore implements WatermarkStore {
  private final ConnectionSpec connection;
  private final WatermarkTable table;

  public WarehouseWatermarkStore(ConnectionSpec connection, WatermarkTable table) {
    this.connection = requireNonNull(connection, "connection");
    this.table = requireNonNull(table, "table");
  }

  public ConnectionSpec connection() {
    return connection;
  }

  public WatermarkTable table() {
    return table;
  }

  @Override
  public Optional<String> read(String job, String stage) {
    return inTransaction(
        "read the watermark of stage '" + stage + "'",
        c -> {
          table.create(c);
          return table.read(c, job, stage);
        });
  }

  @Override
  public void write(String job, String stage, String value, String runId) {
    inTransaction(
        "write the watermark of stage '" + stage + "'",
        c -> {
          table.create(c);
          table.write(c, job, stage, value, runId);
          return null;
        });
  }

  @Override
  public void reset(String job, String stage) {
    inTransaction(
        "reset the watermark of stage '" + stage + "'",
        c -> {
          table.create(c);
          table.delete(c, job, stage);
          return null;
        });
  }

  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = Warehouse.connect(connection)) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "warehouse state store: cannot "
              + what
              + " in "
              + table.table().quoted()
              + " through connection '"
              + connection.name()
              + "' at "
              + connection.host()
              + ": "
              + Redactor.global().redact(e.getMessage()),
          e);
    }
  }
}
