package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A warehouse table as its catalog describes it.
 *
 * @param described the columns with their types, in table order
 */
public record TargetTable(SqlIdentifier name, List<TargetColumn> described) {
  /** The lookup, also a golden string in tests. */
  public static final String COLUMNS_SQL =
      "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale"
          + " FROM information_schema.columns"
          + " WHERE table_catalog = COALESCE(CAST(? AS varchar), current_database())"
          + " AND table_schema = COALESCE(CAST(? AS varchar), current_schema())"
          + " AND table_name = ? ORDER BY ordinal_position";

  public TargetTable {
    requireNonNull(name, "name");
    described = List.copyOf(described);
  }

  /** Column names as the catalog spells them, in table order. */
  public List<String> columns() {
    return described.stream().map(TargetColumn::name).toList();
  }

  /** The column the catalog spells {@code name}. */
  public Optional<TargetColumn> column(String name) {
    return described.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * Looks the table up through {@code information_schema}; an unqualified name is looked up in the
   * session's current schema.
   *
   * @return empty when no such table (or view) is visible to the connection's user
   */
  public static Optional<TargetTable> find(Connection connection, SqlIdentifier name)
      throws SQLException {
    List<String> parts = name.parts();
    try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
      setOptional(statement, 1, parts.size() == 3 ? parts.get(0) : null);
      setOptional(statement, 2, name.schema().orElse(null));
      statement.setString(3, name.name());
      List<TargetColumn> columns = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(
              new TargetColumn(
                  rows.getString(1),
                  String.valueOf(rows.getString(2)),
                  number(rows.getString(3)),
                  number(rows.getString(4)),
                  number(rows.getString(5))));
        }
      }
      return columns.isEmpty() ? Optional.empty() : Optional.of(new TargetTable(name, columns));
    }
  }

  private static int number(String value) {
    return value == null || value.isBlank() ? -1 : Integer.parseInt(value.trim());
  }

  private static void setOptional(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
