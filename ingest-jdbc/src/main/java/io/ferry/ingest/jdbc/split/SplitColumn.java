package io.ferry.ingest.jdbc.split;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;

/**
 * The column a read is split on.
 *
 * @param name the column as configured
 * @param reference the column as the partition predicates write it (quoted)
 * @param type its kind
 * @param scale decimal places of a decimal column, else 0
 * @param databaseType the database's own type name, for messages
 */
public record SplitColumn(
    SqlIdentifier name, String reference, SplitColumnType type, int scale, String databaseType) {
  public SplitColumn {
    requireNonNull(name, "name");
    requireNonNull(reference, "reference");
    requireNonNull(type, "type");
    requireNonNull(databaseType, "databaseType");
  }
}
