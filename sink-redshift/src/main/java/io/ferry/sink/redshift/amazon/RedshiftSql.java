package io.ferry.sink.redshift.amazon;

/** The fixed queries the Redshift warehouse issues, in one place for golden tests. */
public final class RedshiftSql {
  public static final String SET_UTC = "SET timezone TO 'UTC'";

  /**
   * Whether quoted identifiers keep their case; off (the default) folds them to lower case
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html).
   */
  public static final String CASE_SENSITIVE = "SHOW enable_case_sensitive_identifier";

  /**
   * The node slices, which COPY reads files with in parallel; Redshift Serverless has no STV tables
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SLICES.html).
   */
  public static final String SLICES = "SELECT count(*) FROM stv_slices";

  /** The session and the warehouse's time just before a COPY, to find its rejected rows. */
  public static final String COPY_START = "SELECT pg_backend_pid(), CAST(getdate() AS varchar)";

  /** Rows the session's last COPY loaded. */
  public static final String LAST_COPY_COUNT = "SELECT pg_last_copy_count()";

  /** The first rejected rows of the session's COPYs since a time (provisioned and Serverless). */
  public static final String LOAD_ERROR_DETAIL =
      "SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message)"
          + " FROM sys_load_error_detail WHERE session_id = ? AND start_time >= CAST(? AS"
          + " timestamp) ORDER BY start_time, line_number LIMIT 5";

  /** The same from the provisioned cluster's system table. */
  public static final String STL_LOAD_ERRORS =
      "SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason)"
          + " FROM stl_load_errors WHERE session = ? AND starttime >= CAST(? AS timestamp)"
          + " ORDER BY starttime, line_number LIMIT 5";

  /**
   * ERROR 1023, a serializable isolation violation
   * (https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html): retried, not waited
   * for.
   */
  public static final String ISOLATION_VIOLATION = "1023";

  private RedshiftSql() {}
}
