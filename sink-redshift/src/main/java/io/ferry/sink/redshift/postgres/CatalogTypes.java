package io.ferry.sink.redshift.postgres;

import io.ferry.core.sql.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL types of a table's columns as {@code pg_type.typname} ({@code int8}, {@code
 * numeric}, {@code timestamptz}...), a domain as its base type: what binary COPY must send for each
 * column.
 */
final class CatalogTypes {
  private static final String SQL =
      "SELECT a.attname, CASE WHEN t.typtype = 'd' THEN b.typname ELSE t.typname END"
          + " FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
          + " LEFT JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype"
          + " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped";

  private CatalogTypes() {}

  /**
   * The types of {@code columns} (as the catalog spells them) of {@code table}, in that order; a
   * column the catalog does not list gets {@code "?"}, which no encoder supports.
   */
  static List<String> of(Connection c, SqlIdentifier table, List<String> columns)
      throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(SQL)) {
      s.setString(1, table.quoted());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return columns.stream().map(n -> types.getOrDefault(n, "?")).toList();
  }
}
