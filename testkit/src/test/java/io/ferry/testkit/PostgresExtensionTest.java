package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({PostgresExtension.class, SparkExtension.class})
class PostgresExtensionTest {
  private static PostgresDatabase classDatabase;

  @BeforeAll
  static void claim(PostgresDatabase db) {
    PostgresDatabases.claimFresh(db, "PostgresExtensionTest");
    classDatabase = db;
  }

  @Test
  void everyTestOfTheClassSeesTheClassDatabase(PostgresDatabase db) {
    assertSame(classDatabase, db);
    assertEquals(List.of(List.of("PostgresExtensionTest")), db.query("SELECT class FROM owner"));
  }

  @Test
  void theRoleLogsInWithItsPasswordAndOnlyWithIt(PostgresDatabase db) throws SQLException {
    assertFalse(db.jdbcUrl().contains(db.password()), "the URL carries no credentials");
    assertFalse(db.toString().contains(db.password()), "toString hides the password");
    try (Connection c = db.connect()) {
      assertEquals(db.user(), c.getMetaData().getUserName());
    }

    SQLException wrong =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "nope"));
    assertEquals("28P01", wrong.getSQLState(), "invalid_password");
    assertThrows(
        SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), null));
  }

  @Test
  void queryReturnsJdbcObjectsAndNulls(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE typed (id int, amount numeric(12,2), note text)",
        "INSERT INTO typed VALUES (1, 12.50, NULL), (2, 0.01, '')");

    List<List<Object>> rows = db.query("SELECT id, amount, note FROM typed ORDER BY id");

    assertEquals(2, rows.size());
    assertEquals(Arrays.asList(1, new BigDecimal("12.50"), null), rows.get(0));
    assertNull(rows.get(0).get(2));
    assertEquals("", rows.get(1).get(2));
  }

  @Test
  void failingStatementIsNamedInTheError(PostgresDatabase db) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> db.execute("SELECT * FROM no_such_table"));

    assertTrue(e.getMessage().contains("no_such_table"), e::getMessage);
  }

  @Test
  void sparkReadsTheDatabaseWithTheRolesPassword(PostgresDatabase db, SparkSession spark) {
    db.execute(
        "CREATE TABLE spark_source (id bigint, name text)",
        "INSERT INTO spark_source SELECT g, 'n' || g FROM generate_series(1, 25) g");

    Row row =
        spark
            .read()
            .jdbc(db.jdbcUrl(), "spark_source", db.jdbcProperties())
            .selectExpr("count(*)", "sum(id)")
            .first();

    assertEquals(25L, row.getLong(0));
    assertEquals(325L, row.getLong(1));
  }

  @Test
  void hoconConnectionDeclaresUrlUserAndPassword(PostgresDatabase db) {
    var config =
        com.typesafe.config.ConfigFactory.parseString(db.hoconConnection("warehouse"))
            .getConfig("connections.warehouse");

    assertEquals(db.jdbcUrl(), config.getString("url"));
    assertEquals(db.user(), config.getString("user"));
    assertEquals(db.password(), config.getString("password"));
  }

  @Test
  void serverIsInjectedToo(PostgresServer server, PostgresDatabase db) throws SQLException {
    assertSame(PostgresServer.shared(), server);
    assertTrue(db.jdbcUrl().endsWith(":" + server.port() + "/" + db.name()));
    try (Connection c = server.connectAsSuperuser()) {
      assertTrue(c.getMetaData().getURL().contains("/postgres"));
    }
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassesShareTheOuterClassDatabase(PostgresDatabase db) {
      assertSame(classDatabase, db);
    }
  }

  @Test
  void databaseNamesAreSafeIdentifiersAndDropCleanly(PostgresServer server) throws SQLException {
    PostgresDatabase made = server.createDatabase("Odd Name-With.Dots");
    try {
      assertTrue(made.name().matches("t[0-9]+_odd_name_with_dots"), made::name);
      assertArrayEquals(new Object[] {1}, made.query("SELECT 1").get(0).toArray());
    } finally {
      server.dropDatabase(made);
    }
    try (Connection c = server.connectAsSuperuser();
        var s = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      s.setString(1, made.name());
      try (var rs = s.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1), "dropped");
      }
    }
  }
}
