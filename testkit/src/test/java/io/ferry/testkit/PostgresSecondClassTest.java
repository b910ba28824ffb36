package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second class: it must get a database of its own, fresh, on the same server. */
@ExtendWith(PostgresExtension.class)
class PostgresSecondClassTest {

  @BeforeAll
  static void claim(PostgresDatabase db) {
    PostgresDatabases.claimFresh(db, "PostgresSecondClassTest");
  }

  @Test
  void seesOnlyItsOwnRows(PostgresDatabase db) {
    assertEquals(List.of(List.of("PostgresSecondClassTest")), db.query("SELECT class FROM owner"));
    assertNotEquals("postgres", db.user());
  }
}
