package io.ferry.sink.redshift.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads why a COPY failed: the query id from {@code pg_last_copy_id()}, then the first rejected
 * rows (file, line, column, reason) from {@code SYS_LOAD_ERROR_DETAIL}, or from {@code
 * STL_LOAD_ERRORS} where the SYS view is missing or not readable. Runs after the rollback, outside
 * the failed transaction.
 */
public final class LoadErrors {
  private LoadErrors() {}

  /**
   * @return the rejected rows as one sentence, or empty when Redshift recorded none
   */
  public static Optional<String> describe(Connection c) {
    long queryId;
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(RedshiftSql.LAST_COPY_ID)) {
      if (!rows.next()) {
        return Optional.empty();
      }
      queryId = rows.getLong(1);
    } catch (SQLException e) {
      return Optional.empty();
    }
    if (queryId <= 0) {
      return Optional.empty();
    }
    List<String> errors;
    try {
      errors = rows(c, RedshiftSql.LOAD_ERROR_DETAIL, queryId);
    } catch (SQLException e) {
      try {
        errors = rows(c, RedshiftSql.STL_LOAD_ERRORS, queryId);
      } catch (SQLException fallback) {
        return Optional.empty();
      }
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Redshift rejected rows of COPY query " + queryId + ": " + String.join("; ", errors));
  }

  private static List<String> rows(Connection c, String sql, long queryId) throws SQLException {
    List<String> errors = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, queryId);
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
    }
    return errors;
  }
}
