package io.ferry.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The demo job's result table in the demo database, read back for exact comparisons. */
final class DemoWarehouse {
  private DemoWarehouse() {}

  /** Every row of the result, every column, in customer order. */
  static List<List<Object>> rows(DemoDatabase db) throws SQLException {
    try (Connection c = db.connectWarehouse()) {
      return rows(
          c,
          "SELECT customer_id, name, country, orders, revenue, last_order_at, churn_propensity"
              + " FROM "
              + DemoCommand.RESULT_TABLE
              + " ORDER BY customer_id");
    }
  }

  /** The columns of {@link #rows} that {@link #expectedRevenue} computes. */
  static List<List<Object>> revenueColumns(List<List<Object>> rows) {
    return rows.stream().map(r -> r.subList(0, 6)).toList();
  }

  /** The expected revenue columns, computed by PostgreSQL itself from the application tables. */
  static List<List<Object>> expectedRevenue(DemoDatabase db) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", DemoDatabase.APP_USER);
    p.setProperty("password", db.appPassword());
    try (Connection c = DriverManager.getConnection(db.url("app"), p)) {
      return rows(
          c,
          "SELECT c.customer_id, c.name, c.country, count(o.order_id),"
              + " coalesce(sum(o.amount), 0)::numeric(22,2), max(o.ordered_at)"
              + " FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id"
              + " AND o.status = 'paid' GROUP BY c.customer_id, c.name, c.country"
              + " ORDER BY c.customer_id");
    }
  }

  static void dropResult(DemoDatabase db) throws SQLException {
    try (Connection c = db.connectWarehouse();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + DemoCommand.RESULT_TABLE);
    }
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : v);
        }
        out.add(row);
      }
    }
    return out;
  }
}
