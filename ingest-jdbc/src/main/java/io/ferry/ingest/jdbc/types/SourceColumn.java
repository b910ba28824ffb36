package io.ferry.ingest.jdbc.types;

import static java.util.Objects.requireNonNull;

/**
 * A column of the source's result, as the driver describes it.
 *
 * @param name the column's label
 * @param jdbcType its {@link java.sql.Types} code
 * @param typeName the database's type name, lower case ({@code numeric}, {@code timestamptz})
 * @param precision declared precision; 0 when the database declares none
 * @param scale declared scale
 */
public record SourceColumn(String name, int jdbcType, String typeName, int precision, int scale) {
  public SourceColumn {
    requireNonNull(name, "name");
    requireNonNull(typeName, "typeName");
  }
}
