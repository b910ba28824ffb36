package io.ferry.core.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ferry.core.sql.SparkSqlType;
import io.ferry.core.sql.SqlIdentifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionTypeTest {
  private static Config hocon(String text) {
    return ConfigFactory.parseString(
        text,
        com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("jobs/x.conf"));
  }

  private static List<String> faults(Runnable read) {
    InvalidOptionValue e = assertThrows(InvalidOptionValue.class, read::run);
    return e.faults().stream()
        .map(f -> ConfigLocation.of(f.origin()) + ": " + f.key() + ": " + f.reason())
        .toList();
  }

  @Test
  void aBoundedIntegerOutsideItsRangeSaysTheRange() {
    OptionType<Integer> partitions = OptionType.intBetween(1, 1024);
    assertEquals(8, partitions.read(hocon("p = 8"), "p"));
    assertEquals(
        List.of("jobs/x.conf:2: p: must be between 1 and 1024, found 2000"),
        faults(() -> partitions.read(hocon("a = 1\np = 2000"), "p")));
    assertEquals(
        List.of("jobs/x.conf:1: p: must be at least 1, found 0"),
        faults(() -> OptionType.intBetween(1, Integer.MAX_VALUE).read(hocon("p = 0"), "p")));
    assertEquals("int (1 to 1024)", partitions.displayName());
  }

  @Test
  void anSqlNameIsParsedOnceIntoAnIdentifier() {
    assertEquals(
        SqlIdentifier.of("sales", "Order Lines"),
        OptionType.SQL_NAME.read(hocon("t = \"Sales.\\\"Order Lines\\\"\""), "t"));
    assertEquals(
        List.of(
            "jobs/x.conf:1: t: 's.t; DROP' is not a valid SQL name: ';' is not allowed unquoted;"
                + " use letters, digits and '_', or quote it"),
        faults(() -> OptionType.SQL_NAME.read(hocon("t = \"s.t; DROP\""), "t")));
  }

  @Test
  void aColumnListReportsEveryBadEntryAtItsOwnLine() {
    assertEquals(
        List.of(
            "jobs/x.conf:2: c: 'a.b' is qualified; name the column alone",
            "jobs/x.conf:4: c: column 'a' is listed twice"),
        faults(() -> OptionType.COLUMN_LIST.read(hocon("c = [\n\"a.b\"\na\nA\n]"), "c")));
  }

  @Test
  void sparkTypesByColumnPointAtTheWrongEntry() {
    assertEquals(
        Map.of("amount", SparkSqlType.parse("decimal(20,4)")),
        OptionType.SPARK_TYPE_BY_COLUMN.read(hocon("t { amount = \"decimal(20,4)\" }"), "t"));
    List<String> faults =
        faults(
            () ->
                OptionType.SPARK_TYPE_BY_COLUMN.read(
                    hocon("t {\n amount = \"decimal(20,4)\"\n id = \"bigintt\"\n}"), "t"));
    assertEquals(1, faults.size());
    assertEquals(
        "jobs/x.conf:3: t.id: 'bigintt' is not a Spark SQL type: unknown type 'bigintt' (e.g."
            + " decimal(20,4), string, timestamp, array<bigint>)",
        faults.get(0));
  }

  @Test
  void anEnumListNamesTheAllowedConstants() {
    OptionType<List<OptionRuleTest.Mode>> modes = OptionType.enumListOf(OptionRuleTest.Mode.class);
    assertEquals(
        List.of(OptionRuleTest.Mode.MERGE, OptionRuleTest.Mode.APPEND),
        modes.read(hocon("m = [merge, append]"), "m"));
    assertEquals(
        List.of("jobs/x.conf:1: m: expected one of append|merge, found 'upsert'"),
        faults(() -> modes.read(hocon("m = [merge, upsert]"), "m")));
  }
}
