package io.ferry.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({PostgresExtension.class, SparkExtension.class})
class OrdersIngestTest {
  @BeforeAll
  static void source(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2), note text)",
        "INSERT INTO orders SELECT g, g * 1.5, 'n' || g FROM generate_series(1, 1000) g");
  }

  @Test
  void readsEveryRow(PostgresDatabase db, SparkSession spark) {
    long rows = spark.read().jdbc(db.jdbcUrl(), "orders", db.jdbcProperties()).count();
    assertEquals(1000, rows);
    assertEquals(List.of(List.of(1000L)), db.query("SELECT count(*) FROM orders"));
  }
}
