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
  void lookAlikeLettersOfAnotherScriptAreRefusedQuotedOrNot() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse("shop.\u043erders"));
    assertEquals(
        "'shop.\u043erders' is not a valid SQL name: part '\u043erders' mixes letters of [Cyrillic,"
            + " Latin] ('\u043e' U+043E CYRILLIC SMALL LETTER O), so it can pass for another name;"
            + " write it in one script",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse("\"Ord\u0435rs\""));
    assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse("\u03bfrders"));
  }

  @Test
  void invisibleCharactersAreRefusedEvenQuoted() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse("\"ord\u200bers\""));
    assertEquals(
        "'\"ord\u200bers\"' is not a valid SQL name: part 'ord?ers' holds the invisible character"
            + " U+200B ZERO WIDTH SPACE; remove it",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse("\"a\u202eb\""));
    assertThrows(IllegalArgumentException.class, () -> SqlIdentifier.parse("\"a\nb\""));
  }

  @Test
  void namesInOneScriptOrAnAllowedMixPass() {
    assertEquals(List.of("заказы"), SqlIdentifier.parse("Заказы").parts());
    assertEquals(List.of("umsätze_2024"), SqlIdentifier.parse("Umsätze_2024").parts());
    assertEquals(List.of("sales_売上_カテゴリ"), SqlIdentifier.parse("sales_売上_カテゴリ").parts());
    assertEquals(List.of("매출_sales"), SqlIdentifier.parse("매출_sales").parts());
    assertEquals(List.of("Net € (2024)"), SqlIdentifier.parse("\"Net € (2024)\"").parts());
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
