package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;

/**
 * The validated options of one {@code redshift-load} stage.
 *
 * @param connection name of the warehouse connection
 * @param table the target table
 * @param createTable whether a missing schema and table are created from the input's columns
 */
public record LoadSettings(
    String connection, SqlIdentifier table, Dialect dialect, LoadMode mode, boolean createTable) {

  public LoadSettings {
    requireNonNull(connection, "connection");
    requireNonNull(table, "table");
    requireNonNull(dialect, "dialect");
    requireNonNull(mode, "mode");
  }
}
