package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the Postgres test classes share to prove that each got a database of its own. */
final class PostgresDatabases {
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private PostgresDatabases() {}

  /** Asserts that no other class got this database and that it is empty, then marks it. */
  static void claimFresh(PostgresDatabase db, String owner) {
    assertTrue(SEEN.add(db.name()), () -> "database " + db.name() + " was given out twice");
    assertEquals(
        List.of(List.of(0L)),
        db.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
        "a fresh database has no tables");
    db.execute(
        "CREATE TABLE owner (class text NOT NULL)", "INSERT INTO owner VALUES ('" + owner + "')");
  }
}
