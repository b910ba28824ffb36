package io.ferry.sink.redshift.bookkeeping;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The {@code ferry_loads} table in the target's schema: one row per committed load, written in the
 * load's own transaction, so a row exists exactly when the load's data committed. A rerun of a run
 * id finds its row and does nothing (DESIGN.md guarantee 1).
 *
 * <p>The table is created ({@link #createSql()}) in its own committed transaction before the load;
 * the load's transaction starts with {@link #lockSql()} (which serializes concurrent loads into the
 * schema, so two attempts of one run id cannot both load), then {@link #find}, and at the end
 * {@link #record}.
 *
 * @param table the bookkeeping table
 */
public record LoadBook(SqlIdentifier table) {
  public static final String TABLE_NAME = "ferry_loads";

  public LoadBook {
    requireNonNull(table, "table");
  }

  /** The book next to {@code target}: same database and schema. */
  public static LoadBook nextTo(SqlIdentifier target) {
    List<String> parts = new ArrayList<>(target.parts());
    parts.set(parts.size() - 1, TABLE_NAME);
    return new LoadBook(new SqlIdentifier(parts));
  }

  public String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table.quoted()
        + " (job varchar(256) NOT NULL,"
        + " stage varchar(256) NOT NULL, run_id varchar(256) NOT NULL,"
        + " target varchar(1024) NOT NULL, mode varchar(32) NOT NULL, rows_loaded bigint NOT NULL,"
        + " watermarks varchar(65535), loaded_at timestamptz NOT NULL,"
        + " PRIMARY KEY (job, stage, run_id))";
  }

  public String lockSql() {
    return "LOCK TABLE " + table.quoted();
  }

  public String findSql() {
    return "SELECT rows_loaded, watermarks FROM "
        + table.quoted()
        + " WHERE job = ? AND stage = ? AND run_id = ?";
  }

  /**
   * The latest other run of the job's stage that committed a load at or after a given time: the run
   * that loaded while this one waited for {@link #lockSql()}.
   */
  public String laterLoadSql() {
    return "SELECT run_id FROM "
        + table.quoted()
        + " WHERE job = ? AND stage = ? AND run_id <> ? AND loaded_at >= ? ORDER BY loaded_at"
        + " DESC LIMIT 1";
  }

  public String insertSql() {
    return "INSERT INTO "
        + table.quoted()
        + " (job, stage, run_id, target, mode, rows_loaded,"
        + " watermarks, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /** The committed load of this run id, if there is one. */
  public Optional<Committed> find(Connection c, String job, String stage, String runId)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(findSql())) {
      p.setString(1, job);
      p.setString(2, stage);
      p.setString(3, runId);
      try (ResultSet rows = p.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new Committed(rows.getLong(1), WatermarksJson.read(rows.getString(2))));
      }
    }
  }

  /**
   * The run id of another run of {@code job}'s {@code stage} that committed a load at or after
   * {@code since}, if there is one.
   */
  public Optional<String> loadedSince(
      Connection c, String job, String stage, String runId, Instant since) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(laterLoadSql())) {
      p.setString(1, job);
      p.setString(2, stage);
      p.setString(3, runId);
      p.setTimestamp(4, Timestamp.from(since), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      try (ResultSet rows = p.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** Writes the load's row; the caller commits. */
  public void record(Connection c, LoadRecord load) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(insertSql())) {
      p.setString(1, load.job());
      p.setString(2, load.stage());
      p.setString(3, load.runId());
      p.setString(4, load.target());
      p.setString(5, load.mode());
      p.setLong(6, load.rows());
      p.setString(7, WatermarksJson.write(load.watermarks()));
      p.setTimestamp(
          8, Timestamp.from(load.loadedAt()), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      p.executeUpdate();
    }
  }

  /**
   * What an earlier attempt of the run committed.
   *
   * @param rows rows it loaded
   * @param watermarks watermarks it committed with them
   */
  public record Committed(long rows, Map<String, String> watermarks) {
    public Committed {
      watermarks = Map.copyOf(watermarks);
    }
  }
}
