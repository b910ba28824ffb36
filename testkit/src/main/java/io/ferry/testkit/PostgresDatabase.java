package io.ferry.testkit;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * A database on the {@linkplain PostgresServer embedded PostgreSQL}, owned by a login role of the
 * same name with its own password. {@link #toString()} never shows the password.
 *
 * @param name the database name, also the role name
 * @param jdbcUrl {@code jdbc:postgresql://localhost:<port>/<name>}, without credentials
 * @param user the login role
 * @param password the role's password; pass it to drivers only, never print it
 */
public record PostgresDatabase(String name, String jdbcUrl, String user, String password) {

  public PostgresDatabase {
    requireNonNull(name, "name");
    requireNonNull(jdbcUrl, "jdbcUrl");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
  }

  /** A new connection as {@link #user()}, auto-commit on; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, jdbcProperties());
  }

  /** {@code user} and {@code password}, e.g. for Spark's {@code read().jdbc(url, table, props)}. */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return p;
  }

  /**
   * Runs statements in order on one connection, each committed on its own.
   *
   * @throws IllegalStateException naming the statement that failed
   */
  public void execute(String... sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        try {
          s.execute(statement);
        } catch (SQLException e) {
          throw new IllegalStateException(
              "statement failed in database " + name + ": " + statement + "\n  " + e.getMessage(),
              e);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a query and returns its rows, each a list of column values as JDBC's {@code getObject}
   * returns them (NULL is {@code null}).
   *
   * @throws IllegalStateException naming the query when it fails
   */
  public List<List<Object>> query(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(Collections.unmodifiableList(row));
      }
      return Collections.unmodifiableList(rows);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "query failed in database " + name + ": " + sql + "\n  " + e.getMessage(), e);
    }
  }

  /**
   * A HOCON block declaring this database as a Ferry connection, {@code connections.<connection> {
   * url, user, password }}, to put at the top level of a job.
   */
  public String hoconConnection(String connection) {
    requireNonNull(connection, "connection");
    return "connections."
        + connection
        + " {\n  url = \""
        + jdbcUrl
        + "\"\n  user = \""
        + user
        + "\"\n  password = \""
        + password
        + "\"\n}\n";
  }

  @Override
  public String toString() {
    return "PostgresDatabase[" + name + " at " + jdbcUrl + " as " + user + "]";
  }
}
