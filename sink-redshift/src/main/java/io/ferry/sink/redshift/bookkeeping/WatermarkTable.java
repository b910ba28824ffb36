package io.ferry.sink.redshift.bookkeeping;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The {@code ferry_watermarks} table of the {@code warehouse} state store: one row per job and
 * stage. Writes are a DELETE and an INSERT on the caller's connection, so a load commits them in
 * its own transaction and the runner's later write of the same value changes nothing.
 *
 * @param table the table, in {@code state.schema} or the connection's current schema
 */
public record WatermarkTable(SqlIdentifier table) {
  public static final String TABLE_NAME = "ferry_watermarks";

  public WatermarkTable {
    requireNonNull(table, "table");
  }

  /** The table in {@code schema}, or unqualified (the session's current schema). */
  public static WatermarkTable in(Optional<String> schema) {
    return new WatermarkTable(
        schema
            .map(s -> SqlIdentifier.parse(s).parts())
            .map(
                parts -> {
                  var all = new ArrayList<>(parts);
                  all.add(TABLE_NAME);
                  return new SqlIdentifier(all);
                })
            .orElse(SqlIdentifier.of(TABLE_NAME)));
  }

  public String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table.quoted()
        + " (job varchar(256) NOT NULL,"
        + " stage varchar(256) NOT NULL, watermark varchar(65535), run_id varchar(256) NOT NULL,"
        + " updated_at timestamptz NOT NULL, PRIMARY KEY (job, stage))";
  }

  public String selectSql() {
    return "SELECT watermark FROM " + table.quoted() + " WHERE job = ? AND stage = ?";
  }

  public String deleteSql() {
    return "DELETE FROM " + table.quoted() + " WHERE job = ? AND stage = ?";
  }

  public String insertSql() {
    return "INSERT INTO "
        + table.quoted()
        + " (job, stage, watermark, run_id, updated_at) VALUES (?, ?, ?, ?, ?)";
  }

  /** Creates the table when missing, on the caller's transaction. */
  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(createSql());
    }
  }

  public Optional<String> read(Connection c, String job, String stage) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(selectSql())) {
      p.setString(1, job);
      p.setString(2, stage);
      try (ResultSet rows = p.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** Replaces the stage's watermark; the caller commits. */
  public void write(Connection c, String job, String stage, String value, String runId)
      throws SQLException {
    delete(c, job, stage);
    try (PreparedStatement p = c.prepareStatement(insertSql())) {
      p.setString(1, job);
      p.setString(2, stage);
      p.setString(3, value);
      p.setString(4, runId);
      p.setTimestamp(
          5, Timestamp.from(Instant.now()), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      p.executeUpdate();
    }
  }

  public void delete(Connection c, String job, String stage) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(deleteSql())) {
      p.setString(1, job);
      p.setString(2, stage);
      p.executeUpdate();
    }
  }
}
