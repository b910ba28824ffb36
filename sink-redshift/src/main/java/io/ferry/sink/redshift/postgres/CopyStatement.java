package io.ferry.sink.redshift.postgres;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;

/**
 * {@code COPY ... FROM STDIN} of staged CSV into a table. CSV mode reads an unquoted empty field as
 * NULL and a quoted one as '', which is how the files are staged.
 *
 * @param columnList the quoted column list, in file order
 */
public record CopyStatement(SqlIdentifier table, String columnList) {

  public CopyStatement {
    requireNonNull(table, "table");
    requireNonNull(columnList, "columnList");
  }

  public String sql() {
    return "COPY " + table.quoted() + " (" + columnList + ") FROM STDIN WITH (FORMAT csv)";
  }
}
