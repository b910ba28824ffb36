package io.ferry.sink.redshift.postgres;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.staging.StagingFormat;

/**
 * {@code COPY ... FROM STDIN} of staged files into a table: PostgreSQL's binary COPY format, or
 * CSV, whose mode reads an unquoted empty field as NULL and a quoted one as '', which is how the
 * files are staged.
 *
 * @param columnList the quoted column list, in file order
 */
public record CopyStatement(SqlIdentifier table, String columnList, StagingFormat format) {

  public CopyStatement {
    requireNonNull(table, "table");
    requireNonNull(columnList, "columnList");
    requireNonNull(format, "format");
    if (format == StagingFormat.PARQUET) {
      throw new IllegalArgumentException("PostgreSQL's COPY does not read Parquet");
    }
  }

  public String sql() {
    return "COPY "
        + table.quoted()
        + " ("
        + columnList
        + ") FROM STDIN WITH (FORMAT "
        + (format == StagingFormat.BINARY ? "binary" : "csv")
        + ")";
  }
}
