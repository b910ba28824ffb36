package io.ferry.sink.redshift.amazon;

import io.ferry.sink.redshift.CopyFailedException.CopyStart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads why a COPY failed, after the rollback, on the same session: the first rejected rows (file,
 * line, column, reason) of the session's COPYs since the failed one started. Rows are found by
 * session and time, since {@code pg_last_copy_id()} is an STL query id that SYS views do not use.
 * On a provisioned cluster {@code STL_LOAD_ERRORS}
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html) is asked first, and
 * {@code SYS_LOAD_ERROR_DETAIL}
 * (https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html) when it fails or has
 * no rows (it also covers concurrency-scaling clusters); Serverless has only the SYS view.
 */
public final class LoadErrors {
  private LoadErrors() {}

  /**
   * @param provisioned whether the warehouse is a provisioned cluster (which has STL tables)
   * @return the rejected rows as one sentence, or empty when Redshift recorded none
   */
  public static Optional<String> describe(Connection c, CopyStart start, boolean provisioned) {
    List<String> errors = List.of();
    if (provisioned) {
      errors = rows(c, RedshiftSql.STL_LOAD_ERRORS, start);
    }
    if (errors.isEmpty()) {
      errors = rows(c, RedshiftSql.LOAD_ERROR_DETAIL, start);
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Redshift rejected rows: " + String.join("; ", errors));
  }

  private static List<String> rows(Connection c, String sql, CopyStart start) {
    List<String> errors = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, start.sessionPid());
      p.setString(2, start.startedAt());
      try (ResultSet rows = p.executeQuery()) {
        while (rows.next()) {
          errors.add(
              "file "
                  + rows.getString(1)
                  + " line "
                  + rows.getLong(2)
                  + " column "
                  + rows.getString(3)
                  + ": "
                  + rows.getString(4));
        }
      }
    } catch (SQLException e) {
      rollback(c);
      return List.of();
    }
    return errors;
  }

  /** A failed query aborts the transaction it opened; the next lookup needs a fresh one. */
  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is unusable; the next lookup fails the same way and finds nothing.
    }
  }
}
