package io.ferry.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

class SparkSqlTypeTest {

  @Test
  void everyAcceptedTypeMeansWhatSparkReadsFromTheSameText() {
    for (String text :
        List.of(
            "boolean",
            "TINYINT",
            "byte",
            "smallint",
            "short",
            "int",
            "Integer",
            "bigint",
            "long",
            "float",
            "real",
            "double",
            "date",
            "timestamp",
            "timestamp_ntz",
            "timestamp_ltz",
            "string",
            "binary",
            "decimal",
            "decimal(20, 4)",
            "dec(5)",
            "numeric(38,18)",
            "varchar(10)",
            "char(3)",
            "array<bigint>",
            "map<string, decimal(10,2)>",
            "struct<a: int, `b c`: array<string>>",
            "struct<a int>")) {
      SparkSqlType parsed = SparkSqlType.parse(text);
      assertEquals(DataType.fromDDL(text), DataType.fromDDL(parsed.ddl()), text);
    }
  }

  @Test
  void decimalsAreNormalisedWithTheirDefaultPrecisionAndScale() {
    assertEquals("decimal(10,0)", SparkSqlType.parse("DECIMAL").ddl());
    assertEquals("decimal(20,4)", SparkSqlType.parse(" numeric ( 20 , 4 ) ").ddl());
    assertTrue(SparkSqlType.parse("dec(5,2)").isDecimal());
  }

  @Test
  void aWrongTypeSaysWhatIsWrongAndGivesExamples() {
    assertEquals(
        "'decimel(20,4)' is not a Spark SQL type: unknown type 'decimel' (e.g. decimal(20,4),"
            + " string, timestamp, array<bigint>)",
        assertThrows(IllegalArgumentException.class, () -> SparkSqlType.parse("decimel(20,4)"))
            .getMessage());
    for (String bad :
        List.of("", "decimal(39,0)", "decimal(5,6)", "array<int", "map<int>", "int int", "x")) {
      assertThrows(IllegalArgumentException.class, () -> SparkSqlType.parse(bad), bad);
    }
  }
}
