package io.ferry.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlIdentifierTest {
  @Test
  void unquotedPartsFoldToLowerCaseAndAreAlwaysQuoted() {
    SqlIdentifier id = SqlIdentifier.parse("Warehouse.Orders");
    assertEquals(List.of("warehouse", "orders"), id.parts());
    assertEquals("\"warehouse\".\"orders\"", id.quoted());
    assertEquals("`warehouse`.`orders`", id.backticked());
    assertEquals("orders", id.name());
    assertEquals("warehouse", id.schema().orElseThrow());
  }

  @Test
  void quotedPartsKeepCaseDotsAndDoubledQuotes() {
    SqlIdentifier id = SqlIdentifier.parse("\"My Schema\".\"Order.\"\"Lines\"\"\"");
    assertEquals(List.of("My Schema", "Order.\"Lines\""), id.parts());
    assertEquals("\"My Schema\".\"Order.\"\"Lines\"\"\"", id.quoted());
  }

  @Test
  void injectionAttemptsAreRefusedOrNeutralised() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SqlIdentifier.parse("orders; DROP TABLE x"));
    assertEquals(
        "'orders; DROP TABLE x' is not a valid SQL name: ';' is not allowed unquoted; use letters,"
            + " digits and '_', or quote it",
        e.getMessage());
    assertEquals("\"a\"\"; drop table x; --\"", SqlIdentifier.of("a\"; drop table x; --").quoted());
    assertEquals("`a``b`", SqlIdentifier.of("a`b").backticked());
  }

  @Test
  void malformedNamesAreRefused() {
    for (String bad : new String[] {"", "a..b", "\"open", "1abc", "a.b.c.d", "\"a\"b"}) {
      assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse(bad), bad);
    }
  }

  @Test
  void literalsDoubleTheirQuotes() {
    assertEquals("'it''s'", SqlIdentifier.literal("it's"));
  }

  @Test
  void columnListsAreWrittenOneWayWithTheQuotingGiven() {
    List<SqlIdentifier> columns = List.of(SqlIdentifier.of("id"), SqlIdentifier.of("Net \"x\""));
    assertEquals("\"id\", \"Net \"\"x\"\"\"", SqlIdentifier.list(columns, SqlIdentifier::quoted));
    assertEquals("`id`, `Net \"x\"`", SqlIdentifier.list(columns, SqlIdentifier::backticked));
  }

  @Test
  void sparkColumnsAreOneNameEvenWithDotsAndBackticks() {
    assertEquals("`a.b`", SparkColumn.quoted("a.b"));
    assertEquals("`x``y`", SparkColumn.quoted("x`y"));
  }
}
