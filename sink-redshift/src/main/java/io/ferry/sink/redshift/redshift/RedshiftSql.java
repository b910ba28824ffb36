package io.ferry.sink.redshift.redshift;

/** The fixed queries the Redshift dialect issues, in one place for golden tests. */
public final class RedshiftSql {
  public static final String SET_UTC = "SET timezone TO 'UTC'";

  /** The node slices, which COPY reads files with in parallel. */
  public static final String SLICES = "SELECT count(*) FROM stv_slices";

  /** Rows the session's last COPY loaded. */
  public static final String LAST_COPY_COUNT = "SELECT pg_last_copy_count()";

  /** Query id of the session's last COPY, also a failed one. */
  public static final String LAST_COPY_ID = "SELECT pg_last_copy_id()";

  /** The first rejected rows of a COPY (Redshift provisioned and Serverless). */
  public static final String LOAD_ERROR_DETAIL =
      "SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message)"
          + " FROM sys_load_error_detail WHERE query_id = ? ORDER BY line_number LIMIT 5";

  /** The same from the older system table, for clusters without SYS_LOAD_ERROR_DETAIL. */
  public static final String STL_LOAD_ERRORS =
      "SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason)"
          + " FROM stl_load_errors WHERE query = ? ORDER BY line_number LIMIT 5";

  private RedshiftSql() {}
}
