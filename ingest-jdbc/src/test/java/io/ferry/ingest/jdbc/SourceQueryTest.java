package io.ferry.ingest.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.dialect.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceQueryTest {
  private static final Dialect POSTGRES = dialect("jdbc:postgresql://db:5432/app");
  private static final Dialect MYSQL = dialect("jdbc:mysql://db:3306/app");

  private static Dialect dialect(String url) {
    return Dialect.of(
        new ConnectionSpec(
            "src", url, Optional.empty(), Optional.empty(), Optional.empty(), Map.of()));
  }

  @Test
  void tableConditionsJoinTheUsersPredicateAndIdentifiersAreQuotedPerDialect() {
    SourceQuery orders =
        SourceQuery.ofTable(
            SqlIdentifier.parse("sales.orders"),
            List.of(SqlIdentifier.parse("id"), SqlIdentifier.parse("\"Net`Total\"")),
            Optional.of("status <> 'test'"));

    assertEquals(
        "SELECT \"id\", \"Net`Total\" FROM \"sales\".\"orders\" TABLESAMPLE BERNOULLI (10)"
            + " REPEATABLE (20261124) WHERE (status <> 'test') AND (\"id\" < 5)",
        orders.select(POSTGRES, List.of("\"id\" < 5"), POSTGRES.tableSample(0.1)));
    assertEquals(
        "SELECT `id`, `Net``Total` FROM `sales`.`orders` WHERE (status <> 'test')",
        orders.select(MYSQL, List.of(), Optional.empty()));
    assertEquals(
        "SELECT min(`id`) FROM `sales`.`orders` WHERE (status <> 'test') AND (x)",
        orders.project(MYSQL, "min(`id`)", List.of("x"), Optional.empty()));
  }

  @Test
  void conditionsReplaceDollarConditionsOrWrapTheQuery() {
    SourceQuery marked =
        SourceQuery.ofQuery("SELECT o.id FROM orders o WHERE o.paid AND $CONDITIONS;\n");
    SourceQuery plain = SourceQuery.ofQuery("SELECT id FROM orders -- all");

    assertEquals(
        "SELECT o.id FROM orders o WHERE o.paid AND (a) AND (b)",
        marked.select(POSTGRES, List.of("a", "b"), Optional.empty()));
    assertEquals(
        "SELECT o.id FROM orders o WHERE o.paid AND 1 = 1",
        marked.select(POSTGRES, List.of(), Optional.empty()));
    assertEquals(
        "SELECT count(*) FROM (SELECT o.id FROM orders o WHERE o.paid AND (a)\n) ferry_source",
        marked.project(POSTGRES, "count(*)", List.of("a"), Optional.empty()));
    assertEquals(
        "SELECT * FROM (SELECT id FROM orders -- all\n) ferry_source WHERE (\"id\" > 3)",
        plain.select(POSTGRES, List.of("\"id\" > 3"), Optional.empty()));
    assertEquals("\"o\".\"id\"", marked.reference(POSTGRES, SqlIdentifier.parse("o.id")));
    assertEquals("\"id\"", marked.projected(POSTGRES, SqlIdentifier.parse("o.id")));
  }
}
