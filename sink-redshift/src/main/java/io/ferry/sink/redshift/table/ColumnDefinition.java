package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;

/**
 * A warehouse column derived from an input column.
 *
 * @param name the input column's name, verbatim
 * @param sqlType the warehouse type, e.g. {@code numeric(12,2)}
 */
public record ColumnDefinition(String name, String sqlType) {

  public ColumnDefinition {
    requireNonNull(name, "name");
    requireNonNull(sqlType, "sqlType");
  }

  /** The column's name as a quoted identifier. */
  public String quotedName() {
    return SqlIdentifier.of(name).quoted();
  }

  /** {@code "name" type}, for CREATE TABLE. */
  public String sql() {
    return quotedName() + " " + sqlType;
  }
}
