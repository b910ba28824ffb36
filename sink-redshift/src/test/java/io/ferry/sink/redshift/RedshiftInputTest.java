package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.sink.redshift.table.ParquetCasts;
import io.ferry.sink.redshift.table.TargetColumn;
import io.ferry.sink.redshift.table.TargetTable;
import io.ferry.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the Redshift load does to its input in Spark before staging: casts to an existing table's
 * types for Parquet COPY, which converts none
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html), and
 * column names folded to lower case as Redshift stores them
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html).
 */
@ExtendWith(SparkExtension.class)
class RedshiftInputTest {
  private static final TargetTable ORDERS =
      new TargetTable(
          SqlIdentifier.parse("analytics.orders"),
          List.of(
              new TargetColumn("id", "integer", -1, 32, 0),
              new TargetColumn("amount", "numeric", -1, 12, 2),
              new TargetColumn("day", "date", -1, -1, -1),
              new TargetColumn("note", "character varying", 256, -1, -1),
              new TargetColumn("tags", "super", -1, -1, -1)));

  @Test
  void parquetStagingCastsEachColumnToTheTablesTypeAndReportsTheCasts(SparkSession spark) {
    Dataset<Row> input =
        spark.sql(
            "SELECT 7L AS id, CAST(12.50 AS DECIMAL(38,2)) AS amount, '2026-11-24' AS day,"
                + " 42 AS note, array(1, 2) AS tags");
    List<String> casts = new ArrayList<>();

    Dataset<Row> cast = ParquetCasts.apply(input, ORDERS, casts);

    assertEquals(
        List.of(
            "id: bigint -> integer",
            "amount: decimal(38,2) -> numeric(12,2)",
            "day: string -> date",
            "note: int -> character varying(256)"),
        casts);
    assertEquals(
        "struct<id:int,amount:decimal(12,2),day:date,note:string,tags:array<int>>",
        cast.schema().simpleString());
    Row row = cast.collectAsList().get(0);
    assertEquals("[7,12.50,2026-11-24,42]", row.toSeq().take(4).mkString("[", ",", "]"));
    assertEquals(List.of(1, 2), row.getList(4));
  }

  @Test
  void aValueThatDoesNotFitTheColumnFailsNamingColumnValueAndType(SparkSession spark) {
    Dataset<Row> tooBig = spark.sql("SELECT 3000000000L AS id");
    Dataset<Row> lostDigit = spark.sql("SELECT CAST(1.255 AS DECIMAL(38,3)) AS amount");
    Dataset<Row> notADate = spark.sql("SELECT 'soon' AS day");

    for (var c :
        List.of(
            List.of(
                tooBig, "column 'id' holds 3000000000, which does not fit column \"id\" integer"),
            List.of(
                lostDigit,
                "column 'amount' holds 1.255, which does not fit column \"amount\" numeric(12,2)"),
            List.of(notADate, "column 'day' holds soon, which does not fit column \"day\" date"))) {
      @SuppressWarnings("unchecked")
      Dataset<Row> rows = (Dataset<Row>) c.get(0);
      Exception e =
          assertThrows(
              Exception.class,
              () -> ParquetCasts.apply(rows, ORDERS, new ArrayList<>()).collectAsList());
      String message = String.valueOf(e.getMessage());
      assertTrue(
          message.contains(
              c.get(1)
                  + " of table \"analytics\".\"orders\" (Parquet COPY converts no types); widen the"
                  + " column or convert the value in an earlier sql stage"),
          message);
    }
  }

  @Test
  void columnNamesFoldToLowerCaseAndCollisionsAreRefused(SparkSession spark) {
    Dataset<Row> mixed = spark.sql("SELECT 1 AS `OrderId`, 'x' AS `Note`");
    assertEquals(
        List.of("orderid", "note"), List.of(RedshiftLoadStage.foldedColumns(mixed).columns()));

    StageFailure e =
        assertThrows(
            StageFailure.class,
            () -> RedshiftLoadStage.foldedColumns(spark.sql("SELECT 1 AS `Id`, 2 AS `ID`")));
    assertEquals(StandardFailureCode.DATA_INVALID, e.code());
    assertEquals(
        "input columns 'Id' and 'ID' are the same column 'id' on Redshift, which folds identifiers"
            + " to lower case while enable_case_sensitive_identifier is off; rename one in an"
            + " earlier sql stage",
        e.getMessage());
  }

  @Test
  void nestedColumnsBecomeJsonTextForCsvStaging(SparkSession spark) {
    Dataset<Row> input =
        spark.sql("SELECT 1 AS id, named_struct('a', 1, 'b', array('x')) AS s, map('k', 2) AS m");

    Dataset<Row> json = RedshiftLoadStage.jsonText(input);

    assertEquals("struct<id:int,s:string,m:string>", json.schema().simpleString());
    assertEquals("[1,{\"a\":1,\"b\":[\"x\"]},{\"k\":2}]", json.collectAsList().get(0).toString());
  }
}
